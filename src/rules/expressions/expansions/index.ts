import type { Expansion } from "./_expansion.ts";
import { args } from "./args.ts";
import { environment } from "./environment.ts";
import { partition } from "./partition.ts";
import { prev } from "./prev.ts";
import { prevRoot } from "./prev-root.ts";
import { request } from "./request.ts";
import { root } from "./root.ts";
import { thisExpansion } from "./this.ts";
import { falseExpansion, trueExpansion } from "./true-false.ts";
import { user } from "./user.ts";
import { values } from "./values.ts";

export type { Expansion };

/** Every documented expansion, by name without `%%`. `%%ctx` is undocumented and absent on purpose. */
export const EXPANSIONS: ReadonlyMap<string, Expansion> = new Map(
  [trueExpansion, falseExpansion, user, root, prevRoot, thisExpansion, prev, partition, request, values, environment, args].map(
    (expansion) => [expansion.name, expansion],
  ),
);
