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

  /** Median of `runs` timed calls after `warmup` untimed ones; `before` runs untimed ahead of each. */
  async function timeMedian(fn, runs, warmup = 1, before) {
    for (let i = 0; i < warmup; i++) {
      if (before) await before();
      await fn();
    }
    const times = [];
    for (let i = 0; i < runs; i++) {
      if (before) await before();
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

  globalThis.benchProbes = {
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

    async findOneThroughServiceWorker(id, runs) {
      const ObjectId = globalThis.Realm.BSON.ObjectId;
      return timeMedian(() => tasks.findOne({ _id: new ObjectId(id) }), runs, 3);
    },

    /** The service worker's own cost: a preflight-style OPTIONS it answers without the backend. */
    async serviceWorkerFloor(appId, runs) {
      const url = `https://services.cloud.mongodb.com/api/client/v2.0/app/${appId}/location`;
      return timeMedian(() => fetch(url, { method: "OPTIONS" }), runs, 3);
    },

    /** The same call realm-web makes, by `realmSandbox.fetch`, answered as realm-web would read it. */
    async findOneInPage(appId, id, runs) {
      const url = `https://services.cloud.mongodb.com/api/client/v2.0/app/${appId}/functions/call`;
      const EJSON = globalThis.Realm.BSON.EJSON;
      return timeMedian(
        async () => {
          const response = await globalThis.realmSandbox.fetch(url, { method: "POST", headers: authHeaders(), body: findOneBody(id) });
          return EJSON.parse(await response.text());
        },
        runs,
        3,
      );
    },

    async rawAdds(count, runs) {
      const db = await openRaw();
      const docs = rawTasks(count);
      return timeMedian(
        async () => {
          const tx = db.transaction("tasks", "readwrite");
          const store = tx.objectStore("tasks");
          for (const doc of docs) store.add(doc);
          await completion(tx);
        },
        runs,
        1,
        async () => {
          const tx = db.transaction("tasks", "readwrite");
          tx.objectStore("tasks").clear();
          await completion(tx);
        },
      );
    },

    async rawGet(runs) {
      const db = await openRaw();
      const id = hexId(4321);
      // Ten gets a sample: one is near the page clock's 0.1 ms resolution.
      const tenGets = async () => {
        for (let i = 0; i < 10; i++) await request(db.transaction("tasks", "readonly").objectStore("tasks").get(id));
      };
      return (await timeMedian(tenGets, runs, 3)) / 10;
    },

    async rawGetAll(runs) {
      const db = await openRaw();
      return timeMedian(() => request(db.transaction("tasks", "readonly").objectStore("tasks").getAll()), runs);
    },

    /** realm-web insertMany of `count` new tasks; the previous run's are deleted untimed first. */
    async insertMany(count, runs) {
      const ObjectId = globalThis.Realm.BSON.ObjectId;
      const docs = () =>
        Array.from({ length: count }, (_, i) => ({ _id: new ObjectId(), _partition: "project=bench", name: `bulk task ${i}`, status: "Bulk", assignee: user.id }));
      return timeMedian(
        async () => {
          const result = await tasks.insertMany(docs());
          if (result.insertedIds.length !== count) throw new Error(`inserted ${result.insertedIds.length} of ${count}`);
        },
        runs,
        1,
        () => tasks.deleteMany({ status: "Bulk" }),
      );
    },

    async findAll(expected, runs) {
      return timeMedian(
        async () => {
          const found = await tasks.find({});
          if (found.length !== expected) throw new Error(`find({}) returned ${found.length} tasks, expected ${expected}`);
        },
        runs,
      );
    },

    /** One GraphQL request through the service worker, as Apollo in the tutorial sends it. */
    async graphql(appId, query) {
      const start = performance.now();
      const response = await fetch(`${GRAPHQL_HOST}/api/client/v2.0/app/${appId}/graphql`, {
        method: "POST",
        headers: authHeaders(),
        body: JSON.stringify({ query }),
      });
      const body = await response.json();
      if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return performance.now() - start;
    },

    async graphqlMedian(appId, query, runs) {
      const times = [];
      await this.graphql(appId, query);
      for (let i = 0; i < runs; i++) times.push(await this.graphql(appId, query));
      return median(times);
    },
  };
})();
