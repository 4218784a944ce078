/**
 * Embedded objects named by their own schema `title`. App Services made one GraphQL type
 * per title, so the same embedded object (a Realm Sync `Photo` or `Address` used by several
 * collections) appears once; a title that names something else already cannot be reused.
 */
import type { ObjectSpec, ValueShape } from "./spec.ts";

export type Admission = { spec: ObjectSpec } | { conflict: string };

export class TitledObjects {
  private readonly byName = new Map<string, { spec: ObjectSpec; signature: string }>();

  /** `reserved`: names other types already have (document types, built-in and shared payload names). */
  constructor(private readonly reserved: ReadonlySet<string> = new Set()) {}

  /**
   * The spec to use for an object just described as `spec` under its title: `spec` itself
   * the first time, the earlier spec when this one is identical, otherwise a conflict.
   * `relations` describe the relationships declared on its fields, relative to the object.
   */
  admit(spec: ObjectSpec, relations: string[]): Admission {
    if (this.reserved.has(spec.name)) return { conflict: `another generated type is named ${spec.name}` };
    const signature = `${objectSignature(spec)}|${[...relations].sort().join(";")}`;
    const earlier = this.byName.get(spec.name);
    if (!earlier) {
      this.byName.set(spec.name, { spec, signature });
      return { spec };
    }
    if (earlier.signature === signature) return { spec: earlier.spec };
    return { conflict: `another embedded object with the title ${spec.name} has different fields` };
  }
}

/** Field names, keys, requiredness and shapes, independent of property order. */
function objectSignature(spec: ObjectSpec): string {
  return spec.fields
    .map((field) => `${field.name}=${field.key}${field.required ? "!" : ""}:${shapeSignature(field.shape)}`)
    .sort()
    .join(",");
}

function shapeSignature(shape: ValueShape): string {
  if (shape.kind === "list") return `[${shapeSignature(shape.item)}]`;
  if (shape.kind === "object") return `${shape.object.name}{${objectSignature(shape.object)}}`;
  if (!shape.enum) return shape.storage;
  return `${shape.storage}<${shape.enum.name}:${shape.enum.values.map((v) => `${v.name}=${v.value}`).join("|")}>`;
}
