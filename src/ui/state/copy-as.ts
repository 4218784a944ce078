import { Kind, parse, print, visit } from "graphql";
import type { DefinitionNode, DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from "graphql";

/** A playground request, to be written out as code that sends the same thing. */
export interface CopyRequest {
  /** The app's GraphQL URL (see `sandboxGraphqlUrl`). */
  url: string;
  /** The Run-as user's access token; written out only when asked to. */
  token?: string;
  query: string;
  /** Parsed variables (or their JSON text). */
  variables?: unknown;
  operationName?: string;
}

export interface CopyOptions {
  /** Write the real access token instead of a placeholder to fill in. */
  includeToken?: boolean;
}

/** The name the snippets give the access token. */
export const TOKEN_VARIABLE = "ACCESS_TOKEN";
const TOKEN_PLACEHOLDER = "<an access token of the user to run as>";

/** The GraphQL URL of an app as clients of this page reach it (through the service worker). */
export function sandboxGraphqlUrl(baseUri: string, appId: string): string {
  return new URL(`./api/client/v2.0/app/${encodeURIComponent(appId)}/graphql`, baseUri).href;
}

/** A curl command for a POSIX shell; the token comes from `$ACCESS_TOKEN` unless included. */
export function asCurl(req: CopyRequest, options: CopyOptions = {}): string {
  const body = JSON.stringify(requestBody(req), null, 2);
  const token = options.includeToken && req.token;
  const lines = [
    ...(token ? [] : [`# First: export ${TOKEN_VARIABLE}='${TOKEN_PLACEHOLDER}'`]),
    `curl ${shellQuote(req.url)} \\`,
    `  -X POST \\`,
    `  -H 'Content-Type: application/json' \\`,
    token ? `  -H ${shellQuote(`Authorization: Bearer ${token}`)} \\` : `  -H "Authorization: Bearer $${TOKEN_VARIABLE}" \\`,
    `  --data-raw ${shellQuote(body)}`,
  ];
  return `${lines.join("\n")}\n`;
}

/** A `fetch` call for a browser page or a JavaScript module (it uses top-level await). */
export function asFetch(req: CopyRequest, options: CopyOptions = {}): string {
  const body = requestBody(req);
  const bodyLines = [`    query: ${templateLiteral(body.query)},`];
  if (body.variables !== undefined) bodyLines.push(`    variables: ${indentJson(body.variables, "    ")},`);
  if (body.operationName) bodyLines.push(`    operationName: ${JSON.stringify(body.operationName)},`);
  return `${tokenLine(req, options)}
const response = await fetch(${JSON.stringify(req.url)}, {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    Authorization: \`Bearer \${${TOKEN_VARIABLE}}\`,
  },
  body: JSON.stringify({
${bodyLines.join("\n")}
  }),
});
const result = await response.json();
console.log(result);
`;
}

/** The same request with @apollo/client 3: a client, and `client.query` or `client.mutate`. */
export function asApolloClient(req: CopyRequest, options: CopyOptions = {}): string {
  const body = requestBody(req);
  const { text, isMutation } = singleOperation(req.query, req.operationName);
  const call = isMutation ? "mutate" : "query";
  const args = [`  ${isMutation ? "mutation" : "query"}: gql${templateLiteral(text)},`];
  if (body.variables !== undefined) args.push(`  variables: ${indentJson(body.variables, "  ")},`);
  return `import { ApolloClient, InMemoryCache, gql } from "@apollo/client";

${tokenLine(req, options)}
const client = new ApolloClient({
  uri: ${JSON.stringify(req.url)},
  cache: new InMemoryCache(),
  headers: { Authorization: \`Bearer \${${TOKEN_VARIABLE}}\` },
});

const result = await client.${call}({
${args.join("\n")}
});
console.log(result.data);
`;
}

function tokenLine(req: CopyRequest, options: CopyOptions): string {
  if (options.includeToken && req.token) return `const ${TOKEN_VARIABLE} = ${JSON.stringify(req.token)};`;
  return `const ${TOKEN_VARIABLE} = ${JSON.stringify(TOKEN_PLACEHOLDER)}; // fill in before running`;
}

interface Body {
  query: string;
  variables?: unknown;
  operationName?: string;
}

function requestBody(req: CopyRequest): Body {
  const body: Body = { query: req.query };
  const variables = readVariables(req.variables);
  if (variables !== undefined) body.variables = variables;
  if (req.operationName) body.operationName = req.operationName;
  return body;
}

/** Variables as a value; text is parsed, and empty or unreadable variables are left out. */
function readVariables(variables: unknown): unknown {
  let value = variables;
  if (typeof value === "string") {
    if (!value.trim()) return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  return value;
}

/** Apollo runs one operation per document: the chosen one, with only the fragments it uses. */
function singleOperation(query: string, operationName?: string): { text: string; isMutation: boolean } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { text: query, isMutation: /^\s*mutation\b/m.test(query.replace(/#[^\n]*/g, "")) };
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const chosen = operations.find((op) => op.name?.value === operationName) ?? operations[0];
  if (!chosen) return { text: query, isMutation: false };
  const isMutation = chosen.operation === "mutation";
  if (operations.length === 1) return { text: query, isMutation };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const used = new Set<string>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (used.has(name) || !fragment) return;
        used.add(name);
        collect(fragment);
      },
    });
  collect(chosen);
  const kept = document.definitions.filter((d) => d === chosen || (d.kind === Kind.FRAGMENT_DEFINITION && used.has(d.name.value)));
  return { text: kept.map((d) => print(d)).join("\n\n"), isMutation };
}

/** Single quotes for a POSIX shell: nothing inside is expanded; a `'` is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A JavaScript template literal holding `text` exactly (multi-line queries stay readable). */
function templateLiteral(text: string): string {
  return `\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

function indentJson(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}
