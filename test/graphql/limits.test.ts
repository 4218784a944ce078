import { getIntrospectionQuery } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";

import { MAX_QUERIES_MESSAGE, MAX_RELATIONSHIP_DEPTH_MESSAGE } from "../../src/graphql/index.ts";
import { appWith, harness, type Harness } from "./support.ts";

const PEOPLE = appWith(
  { "db.people": { title: "Person", properties: { _id: { bsonType: "objectId" }, name: { bsonType: "string" }, friend: { bsonType: "string" } } } },
  { "db.people": { friend: { ref: "#/relationship/mongodb-atlas/db/people", foreign_key: "name", is_list: false } } },
);

const nest = (depth: number, leaf = "name"): string => (depth === 0 ? leaf : `friend { ${nest(depth - 1, leaf)} }`);

describe("limits", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(PEOPLE);
    await h.raw("db.people").insertMany([{ name: "a", friend: "b" }, { name: "b", friend: "a" }]);
  });

  it("allows ten resolvers per operation and refuses an eleventh", async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `p${i}: person { name }`).join(" ");
    expect((await h.run(`{ ${fields(10)} __typename }`)).errors).toBeUndefined();
    const over = await h.run(`{ ${fields(9)} ...More } fragment More on Query { x: people { name } y: person { name } }`);
    expect(over).toEqual({ errors: [expect.objectContaining({ message: MAX_QUERIES_MESSAGE })] });
  });

  it("resolves five nested relationships and refuses a sixth", async () => {
    const ok = await h.run(`{ person(query: { name: "a" }) { ${nest(5)} } }`);
    expect(ok).toEqual({ data: { person: { friend: { friend: { friend: { friend: { friend: { name: "b" } } } } } } } });
    const deep = await h.run(`{ person { ${nest(6)} } }`);
    expect(deep).toEqual({ errors: [expect.objectContaining({ message: MAX_RELATIONSHIP_DEPTH_MESSAGE })] });
    const viaFragment = await h.run(`{ person { ...F } } fragment F on Person { ${nest(3, "...G")} } fragment G on Person { ${nest(3)} }`);
    expect(viaFragment.errors[0].message).toBe(MAX_RELATIONSHIP_DEPTH_MESSAGE);
  });

  it("allows introspection", async () => {
    const result = await h.run(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    const types = result.data.__schema.types.map((t: { name: string }) => t.name);
    expect(types).toEqual(expect.arrayContaining(["Person", "PersonQueryInput", "PersonFriendRelationInput", "ObjectId"]));
    const query = result.data.__schema.types.find((t: { name: string }) => t.name === "Query");
    const people = query.fields.find((f: { name: string }) => f.name === "people");
    expect(people.args.find((a: { name: string }) => a.name === "limit").defaultValue).toBe("100");
  });

  describe("against hostile input", () => {
    let small: Harness;
    beforeAll(async () => {
      small = await harness(PEOPLE, { limits: { maxDepth: 6, maxSelections: 500, maxTokens: 2000, maxQueryLength: 20_000, maxInputDepth: 10 } });
    });

    it("bounds selection depth", async () => {
      const deep = await small.run(`{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`);
      expect(deep.errors[0].message).toBe("the query is nested more than 6 levels deep");
    });

    it("bounds fragment fan-out before validating", async () => {
      const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
      const result = await small.run(`{ ...F0 }\n${levels}\nfragment F12 on Query { __typename }`);
      expect(result.errors[0].message).toBe("the query selects more than 500 fields once fragments are expanded");
    });

    it("bounds tokens, length and nesting of values", async () => {
      const many = await small.run(`{ ${"a ".repeat(2100)}}`);
      expect(many.errors[0].message).toMatch(/Document contains more th\w+ 2000 tokens/);
      expect((await small.run(`{ __typename ${" ".repeat(20_000)}}`)).errors[0].message).toBe("the query is longer than 20000 characters");
      const literal = `{ people(query: ${"{ AND: [".repeat(12)}{ name: "a" }${"] }".repeat(12)}) { name } }`;
      expect((await small.run(literal)).errors[0].message).toBe("an argument is nested more than 10 levels deep");
      let variables: Record<string, unknown> = { name: "a" };
      for (let i = 0; i < 12; i++) variables = { AND: [variables] };
      const viaVariables = await small.endpoint.execute({ query: "query Q($q: PersonQueryInput) { people(query: $q) { name } }", variables: { q: variables } }, { user: null, system: false });
      expect(viaVariables.errors![0].message).toBe('"variables" are nested more than 10 levels deep');
    });

    it("answers a malformed body with an error, not an exception", async () => {
      const ctx = { user: null, system: false };
      expect(await small.endpoint.execute({}, ctx)).toEqual({ errors: [{ message: 'the request must have a "query" string' }] });
      expect(await small.endpoint.execute({ query: "{ people { name } }", variables: [] as never }, ctx)).toEqual({ errors: [{ message: '"variables" must be an object' }] });
      expect(await small.endpoint.execute(null as never, ctx)).toEqual({ errors: [{ message: "the request body must be a JSON object" }] });
      const syntax = await small.endpoint.execute({ query: "{ people { name }" }, ctx);
      expect(syntax.errors![0]).toMatchObject({ message: "Syntax Error: Expected Name, found <EOF>.", locations: [{ line: 1, column: 18 }] });
    });
  });
});
