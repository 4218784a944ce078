/*
 * Timed in the page itself, so no DevTools round trip lands in a figure. Injected as a
 * classic script after realm-web's bundle; exposes `globalThis.benchProbes`. Plain
 * script (not a module) so the page can take it as it is, untranspiled.
 */
(() => {
  const RAW_DATABASE = "realm-sandbox-bench-raw";
  const GRAPHQL_HOST = "https://realm.mongodb.com";
  let app;
  let user;
  let tasks;
  let rawDb;

  function median(times) {
    const sorted = [...times].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /** Median of `runs` timed calls after `warmup` untimed ones. */
  async function timeMedian(fn, runs, warmup = 1) {
    for (let i = 0; i < warmup; i++) await fn();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    return median(times);
  }

  function request(r) {
    return new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  }

  function completion(tx) {
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }

  function hexId(i) {
    return (0x6a0000000000000000000000n + BigInt(i)).toString(16);
  }

  /** Tasks as the sandbox stores them, with string keys for the raw store. */
  function rawTasks(count) {
    return Array.from({ length: count }, (_, i) => ({
      _id: hexId(i),
      _partition: "project=bench",
      name: `bulk task ${i}`,
      status: "Bulk",
      assignee: "user-0",
    }));
  }

  async function openRaw() {
    if (rawDb) return rawDb;
    await request(indexedDB.deleteDatabase(RAW_DATABASE));
    const open = indexedDB.open(RAW_DATABASE, 1);
    open.onupgradeneeded = () => open.result.createObjectStore("tasks", { keyPath: "_id" });
    rawDb = await request(open);
    return rawDb;
  }

  function authHeaders() {
    return { "content-type": "application/json", authorization: `Bearer ${user.accessToken}` };
  }

  function findOneBody(id) {
    return JSON.stringify({
      name: "findOne",
      service: "mongodb-atlas",
      arguments: [{ database: "tracker", collection: "tasks", query: { _id: { $oid: id } } }],
    });
  }

  /**
   * The timed operations, each one call. A comparison runs its operations in turn, round
   * after round, so a figure and its baseline see the same load on a busy machine.
   */
  const operations = {
    /** realm-web's findOne, through the service worker. */
    swFindOne: ({ id }) => tasks.findOne({ _id: new globalThis.Realm.BSON.ObjectId(id) }),
    /** The same call realm-web makes, by `realmSandbox.fetch`, read as realm-web reads it. */
    pageFindOne: async ({ appId, id }) => {
      const url = `https://services.cloud.mongodb.com/api/client/v2.0/app/${appId}/functions/call`;
      const response = await globalThis.realmSandbox.fetch(url, { method: "POST", headers: authHeaders(), body: findOneBody(id) });
      return globalThis.Realm.BSON.EJSON.parse(await response.text());
    },
    /** The service worker's own cost: an OPTIONS it answers without the backend. */
    swOptions: ({ appId }) => fetch(`https://services.cloud.mongodb.com/api/client/v2.0/app/${appId}/location`, { method: "OPTIONS" }),
    /** Ten raw gets, one transaction each; the figure is per get (one is near the page clock's 0.1 ms resolution). */
    rawGet: async () => {
      const id = hexId(4321);
      for (let i = 0; i < 10; i++) await request(rawDb.transaction("tasks", "readonly").objectStore("tasks").get(id));
    },
    rawGetAll: () => request(rawDb.transaction("tasks", "readonly").objectStore("tasks").getAll()),
    swFindAll: async ({ expected }) => {
      const found = await tasks.find({});
      if (found.length !== expected) throw new Error(`find({}) returned ${found.length} tasks, expected ${expected}`);
    },
    graphql: ({ appId, query }) => graphql(appId, query),
    rawAdds: async ({ count }) => {
      const tx = rawDb.transaction("tasks", "readwrite");
      const store = tx.objectStore("tasks");
      for (const doc of rawTasks(count)) store.add(doc);
      await completion(tx);
    },
    swInsertMany: async ({ count }) => {
      const ObjectId = globalThis.Realm.BSON.ObjectId;
      const docs = Array.from({ length: count }, (_, i) => ({ _id: new ObjectId(), _partition: "project=bench", name: `bulk task ${i}`, status: "Bulk", assignee: user.id }));
      const result = await tasks.insertMany(docs);
      if (result.insertedIds.length !== count) throw new Error(`inserted ${result.insertedIds.length} of ${count}`);
    },
  };

  /** Untimed steps before an operation: each bulk insert starts from an empty store. */
  const preparations = {
    rawAdds: async () => {
      const tx = rawDb.transaction("tasks", "readwrite");
      tx.objectStore("tasks").clear();
      await completion(tx);
    },
    swInsertMany: () => tasks.deleteMany({ status: "Bulk" }),
  };

  async function graphql(appId, query) {
    const response = await fetch(`${GRAPHQL_HOST}/api/client/v2.0/app/${appId}/graphql`, {
      method: "POST",
      headers: authHeaders(),
      body: JSON.stringify({ query }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  }

  globalThis.benchProbes = {
    /**
     * Waits until the site's offline copy stops growing (a first visit caches the site once
     * its backend is ready), so that work does not land in the figures. At most 30 s.
     */
    async offlineCopySettled() {
      let last = -1;
      for (let i = 0; i < 60; i++) {
        let count = 0;
        for (const name of await caches.keys()) if (name.startsWith("realm-sandbox:")) count += (await (await caches.open(name)).keys()).length;
        if (count > 0 && count === last) return count;
        last = count;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return last;
    },

    /** Registers (once) and logs in with realm-web; returns the user's id and token. */
    async logIn(appId, email, password) {
      const Realm = globalThis.Realm;
      app = new Realm.App({ id: appId });
      await app.emailPasswordAuth.registerUser({ email, password }).catch(() => undefined);
      user = await app.logIn(Realm.Credentials.emailPassword(email, password));
      tasks = user.mongoClient("mongodb-atlas").db("tracker").collection("tasks");
      return { userId: user.id, accessToken: user.accessToken };
    },

    /** Takes a token from before a reload (the page's realm-web state is gone). */
    adoptToken(accessToken) {
      user = { accessToken };
    },

    async logInTime(email, password, runs) {
      const Realm = globalThis.Realm;
      return timeMedian(() => app.logIn(Realm.Credentials.emailPassword(email, password)), runs);
    },

    /** The raw store, filled with `count` tasks. */
    async fillRaw(count) {
      await openRaw();
      await preparations.rawAdds();
      await operations.rawAdds({ count });
    },

    /**
     * Runs the named operations in turn, `runs` rounds after `warmup` untimed ones; answers
     * each one's median in ms (rawGet per get).
     */
    async compare(names, args, runs, warmup = 1) {
      const times = names.map(() => []);
      for (let round = 0; round < warmup + runs; round++) {
        for (const [i, name] of names.entries()) {
          await preparations[name]?.();
          const start = performance.now();
          await operations[name](args);
          if (round >= warmup) times[i].push(performance.now() - start);
        }
      }
      return names.map((name, i) => median(times[i]) / (name === "rawGet" ? 10 : 1));
    },

    /** One GraphQL request through the service worker, timed. */
    async graphqlOnce(appId, query) {
      const start = performance.now();
      await graphql(appId, query);
      return performance.now() - start;
    },
  };
})();
