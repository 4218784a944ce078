/* eslint-disable */
/**
 * `context` as function code sees it: `services` (the mongodb-atlas collection API with
 * cursors), `user`, `functions.execute`, `values`, `environment`, `request`, `app` and
 * `runningAsSystem()`. Service calls and `functions.execute` go to the host through
 * `rpc`; the rest is the snapshot the host sent with the call.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export function createContextApi(): {
  makeContext(rpc: (op: string, payload: unknown) => Promise<any>, snapshot: any): unknown;
  isCursor(value: unknown): boolean;
} {
  type Rpc = (op: string, payload: unknown) => Promise<any>;
  const CURSOR = Symbol("cursor");

  function makeCursor(call: (method: string, args: unknown[]) => Promise<any[]>, kind: string, base: any[]) {
    const options: any = {};
    const stages: any[] = [];
    let loaded: Promise<any[]> | undefined;
    let index = 0;
    const load = () => {
      if (!loaded) {
        loaded = kind === "find" ? call("find", [base[0], base[1], options]) : call("aggregate", [[...base[0], ...stages]]);
      }
      return loaded;
    };
    const modify = (key: string, value: unknown) => {
      if (loaded) throw new Error(`cannot apply ${key}() after the cursor started returning documents`);
      if (kind === "find") options[key] = value;
      else stages.push({ [`$${key}`]: value });
      return cursor;
    };
    const cursor: any = {
      [CURSOR]: true,
      sort: (spec: unknown) => modify("sort", spec),
      skip: (n: unknown) => modify("skip", n),
      limit: (n: unknown) => modify("limit", n),
      toArray: async () => {
        const docs = (await load()).slice(index);
        index += docs.length;
        return docs;
      },
      next: async () => {
        const docs = await load();
        return index < docs.length ? docs[index++] : undefined;
      },
      hasNext: async () => index < (await load()).length,
      forEach: async (fn: (doc: any) => unknown) => {
        for (const doc of (await load()).slice(index)) await fn(doc);
      },
      [Symbol.asyncIterator]: async function* () {
        const docs = await load();
        while (index < docs.length) yield docs[index++];
      },
    };
    return cursor;
  }

  function makeCollection(rpc: Rpc, service: string, db: string, name: string) {
    const call = (method: string, args: unknown[]) => rpc("mongo", { service, db, coll: name, method, args });
    const method = (m: string) => (...args: unknown[]) => call(m, args);
    return {
      get name() {
        return name;
      },
      find: (query?: unknown, projection?: unknown) => makeCursor(call, "find", [query ?? {}, projection]),
      aggregate: (pipeline: unknown) => {
        if (!Array.isArray(pipeline)) throw new TypeError("aggregate needs an array of pipeline stages");
        return makeCursor(call, "aggregate", [pipeline]);
      },
      findOne: method("findOne"),
      insertOne: method("insertOne"),
      insertMany: method("insertMany"),
      updateOne: method("updateOne"),
      updateMany: method("updateMany"),
      replaceOne: method("replaceOne"),
      deleteOne: method("deleteOne"),
      deleteMany: method("deleteMany"),
      findOneAndUpdate: method("findOneAndUpdate"),
      findOneAndReplace: method("findOneAndReplace"),
      findOneAndDelete: method("findOneAndDelete"),
      count: method("count"),
      countDocuments: method("count"),
      estimatedDocumentCount: () => call("count", [{}]),
      distinct: method("distinct"),
      bulkWrite: method("bulkWrite"),
      watch: () => {
        throw new Error("watch() is not available in functions; clients can watch collections");
      },
    };
  }

  function makeContext(rpc: Rpc, snap: any) {
    const service = (serviceName: string) => ({
      db: (db: string) => ({
        get name() {
          return db;
        },
        collection: (name: string) => makeCollection(rpc, serviceName, db, name),
        getCollectionNames: () => rpc("collectionNames", { service: serviceName, db }),
      }),
      admin: () => ({ getDBNames: () => rpc("dbNames", { service: serviceName }) }),
    });
    const noNetwork = () => Promise.reject(new Error("context.http is not available in the sandbox: functions cannot reach the network"));
    return Object.freeze({
      services: Object.freeze({ get: (name: string) => (snap.services.includes(name) ? service(name) : undefined) }),
      user: snap.user,
      request: snap.request,
      runningAsSystem: () => snap.runningAsSystem === true,
      functions: Object.freeze({ execute: (name: string, ...args: unknown[]) => rpc("execute", { name, args }) }),
      values: Object.freeze({ get: (name: string) => snap.values[name] }),
      environment: snap.environment,
      app: snap.app,
      http: Object.freeze({ get: noNetwork, post: noNetwork, put: noNetwork, patch: noNetwork, delete: noNetwork, head: noNetwork }),
    });
  }

  return { makeContext, isCursor: (value: unknown) => !!value && (value as any)[CURSOR] === true };
}
