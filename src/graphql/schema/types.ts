/**
 * Builds the GraphQL types of the document types: output object, QueryInput, InsertInput,
 * UpdateInput, SortByInput, RelationInput and string enums. One instance per schema;
 * every type is made once and its name claimed, so a clash is reported instead of
 * producing two types with one name.
 */
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from "graphql";

import { fieldResolver } from "../execution/fields.ts";
import type { RequestState } from "../execution/state.ts";
import { capitalize } from "../naming/names.ts";
import { queryTable, sortTable, updateTable, type QueryEntry } from "./operators.ts";
import { GraphQLDateTime, GraphQLLong, GraphQLObjectId } from "./scalars.ts";
import type { DocTypeSpec, EnumSpec, FieldSpec, ObjectSpec, ScalarName, ScalarShape, ValueShape } from "./spec.ts";

const SCALAR_TYPES = {
  String: GraphQLString,
  Int: GraphQLInt,
  Float: GraphQLFloat,
  Boolean: GraphQLBoolean,
  ObjectId: GraphQLObjectId,
  DateTime: GraphQLDateTime,
  Long: GraphQLLong,
} as const;

const ROOT_AND_SCALAR_NAMES = new Set(["Query", "Mutation", "ID", ...Object.keys(SCALAR_TYPES)]);

/** Marks relationship fields, for the relationship-depth limit. */
export const RELATIONSHIP_EXTENSION = "realmRelationship";

type Fields = GraphQLFieldConfigMap<unknown, RequestState>;

export class TypeBuilder {
  private readonly named = new Map<string, GraphQLNamedType>();
  private readonly memo = new Map<string, Map<unknown, GraphQLNamedType>>();
  private readonly extraFields = new Map<string, (() => Fields)[]>();

  /** Registers a named type; throws when another type already has the name. */
  claim<T extends GraphQLNamedType>(type: T): T {
    if (ROOT_AND_SCALAR_NAMES.has(type.name)) throw new Error(`${type.name} is a built-in type name`);
    const existing = this.named.get(type.name);
    if (existing && existing !== type) throw new Error(`two generated types would be named ${type.name}`);
    this.named.set(type.name, type);
    return type;
  }

  lookup(name: string): GraphQLNamedType | undefined {
    return this.named.get(name);
  }

  /** Adds fields (custom resolvers) to a generated output type. */
  addFields(typeName: string, fields: () => Fields): void {
    const list = this.extraFields.get(typeName) ?? [];
    list.push(fields);
    this.extraFields.set(typeName, list);
  }

  /** Creates every type of the document types up front, so their names are claimed before custom types. */
  declare(types: DocTypeSpec[]): void {
    const visit = (spec: ObjectSpec) => {
      this.output(spec);
      this.queryInput(spec);
      this.insertInput(spec);
      this.updateInput(spec);
      for (const field of spec.fields) {
        const shape = field.shape.kind === "list" ? field.shape.item : field.shape;
        if (shape.kind === "object") visit(shape.object);
        if (shape.kind === "scalar" && shape.enum) this.scalar(shape);
        if (field.relation) this.relationInput(spec, field);
      }
    };
    for (const spec of types) {
      visit(spec);
      this.sortBy(spec);
    }
  }

  scalar(shape: ScalarShape): GraphQLEnumType | (typeof SCALAR_TYPES)[ScalarName] {
    return shape.enum ? this.enumType(shape.enum) : SCALAR_TYPES[shape.scalar];
  }

  output(spec: ObjectSpec): GraphQLObjectType {
    return this.once("output", spec, () =>
      new GraphQLObjectType<unknown, RequestState>({
        name: spec.name,
        fields: () => {
          const fields: Fields = {};
          for (const field of spec.fields) {
            fields[field.name] = {
              type: this.outputFieldType(field),
              resolve: fieldResolver(field) as Fields[string]["resolve"],
              extensions: field.relation ? { [RELATIONSHIP_EXTENSION]: true } : undefined,
            };
          }
          for (const extra of this.extraFields.get(spec.name) ?? []) Object.assign(fields, extra());
          return fields;
        },
      }),
    );
  }

  queryInput(spec: ObjectSpec): GraphQLInputObjectType {
    return this.once("query", spec, () => {
      const self: GraphQLInputObjectType = new GraphQLInputObjectType({
        name: `${spec.name}QueryInput`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const entry of queryTable(spec).values()) fields[entry.name] = { type: this.queryFieldType(entry, self) };
          return fields;
        },
      });
      return self;
    });
  }

  insertInput(spec: ObjectSpec): GraphQLInputObjectType {
    return this.once("insert", spec, () =>
      new GraphQLInputObjectType({
        name: `${spec.name}InsertInput`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          // A document's _id stays optional even when required: the insert generates one.
          const generatesId = "collection" in spec;
          for (const field of spec.fields) {
            const type = this.writeType(spec, field, "insert");
            const required = field.required && !(generatesId && field.key === "_id");
            fields[field.name] = { type: required ? new GraphQLNonNull(type) : type };
          }
          return fields;
        },
      }),
    );
  }

  updateInput(spec: ObjectSpec): GraphQLInputObjectType {
    return this.once("update", spec, () =>
      new GraphQLInputObjectType({
        name: `${spec.name}UpdateInput`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const entry of updateTable(spec).values()) {
            const type =
              entry.op === "unset" ? GraphQLBoolean : entry.op === "inc" ? this.scalar(entry.field.shape as ScalarShape) : this.writeType(spec, entry.field, "update");
            fields[entry.name] = { type };
          }
          return fields;
        },
      }),
    );
  }

  /** A plain input object named after the spec itself (custom resolver inputs). */
  plainInput(spec: ObjectSpec): GraphQLInputObjectType {
    return this.once("plain", spec, () =>
      new GraphQLInputObjectType({
        name: spec.name,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const field of spec.fields) {
            const of = (shape: ValueShape): GraphQLInputType =>
              shape.kind === "scalar" ? this.scalar(shape) : shape.kind === "object" ? this.plainInput(shape.object) : new GraphQLList(of(shape.item));
            const type = of(field.shape);
            fields[field.name] = { type: field.required ? new GraphQLNonNull(type) : type };
          }
          return fields;
        },
      }),
    );
  }

  /** The sort enum, or undefined when no field can be sorted on. */
  sortBy(spec: DocTypeSpec): GraphQLEnumType | undefined {
    const table = sortTable(spec);
    if (table.size === 0) return undefined;
    return this.once("sort", spec, () => {
      const values: Record<string, { value: string }> = {};
      for (const name of table.keys()) values[name] = { value: name };
      return new GraphQLEnumType({ name: `${spec.name}SortByInput`, values });
    });
  }

  /** `{link, create}`: link takes the source field's type, create the target's InsertInput. */
  relationInput(owner: ObjectSpec, field: FieldSpec): GraphQLInputObjectType {
    return this.once("relation", field, () => {
      const relation = field.relation!;
      const source = field.shape.kind === "list" ? field.shape.item : field.shape;
      const link = this.scalar(source as ScalarShape);
      const create = this.insertInput(relation.target);
      return new GraphQLInputObjectType({
        name: `${owner.name}${capitalize(field.name)}RelationInput`,
        fields: () =>
          relation.isList
            ? { link: { type: new GraphQLList(link) }, create: { type: new GraphQLList(create) } }
            : { link: { type: link }, create: { type: create } },
      });
    });
  }

  private enumType(spec: EnumSpec): GraphQLEnumType {
    return this.once("enum", spec, () => {
      const values: Record<string, { value: string }> = {};
      for (const { name, value } of spec.values) values[name] = { value };
      return new GraphQLEnumType({ name: spec.name, values });
    });
  }

  private outputFieldType(field: FieldSpec): GraphQLOutputType {
    let type: GraphQLOutputType;
    if (field.relation) {
      const target = this.output(field.relation.target);
      type = field.relation.isList ? new GraphQLList(target) : target;
    } else {
      type = this.shapeOutput(field.shape);
    }
    return field.required ? new GraphQLNonNull(type) : type;
  }

  private shapeOutput(shape: ValueShape): GraphQLOutputType {
    if (shape.kind === "scalar") return this.scalar(shape);
    if (shape.kind === "object") return this.output(shape.object);
    return new GraphQLList(this.shapeOutput(shape.item));
  }

  private queryFieldType(entry: QueryEntry, self: GraphQLInputObjectType): GraphQLInputType {
    if (entry.op === "AND" || entry.op === "OR") return new GraphQLList(new GraphQLNonNull(self));
    if (entry.op === "exists") return GraphQLBoolean;
    const { shape, relation } = entry.field;
    if (relation) {
      const target = this.queryInput(relation.target);
      return relation.isList ? new GraphQLList(target) : target;
    }
    if (shape.kind === "object") return this.queryInput(shape.object);
    if (shape.kind === "list") {
      const item = shape.item.kind === "object" ? this.queryInput(shape.item.object) : this.scalar(shape.item);
      return new GraphQLList(item);
    }
    const scalar = this.scalar(shape);
    return entry.op === "in" || entry.op === "nin" ? new GraphQLList(scalar) : scalar;
  }

  /** A field's type in InsertInput and UpdateInput (without the `!` of required fields). */
  private writeType(owner: ObjectSpec, field: FieldSpec, kind: "insert" | "update"): GraphQLInputType {
    if (field.relation) return this.relationInput(owner, field);
    const of = (shape: ValueShape): GraphQLInputType => {
      if (shape.kind === "scalar") return this.scalar(shape);
      if (shape.kind === "object") return kind === "insert" ? this.insertInput(shape.object) : this.updateInput(shape.object);
      return new GraphQLList(of(shape.item));
    };
    return of(field.shape);
  }

  private once<T extends GraphQLNamedType>(kind: string, key: unknown, make: () => T): T {
    let cache = this.memo.get(kind);
    if (!cache) this.memo.set(kind, (cache = new Map()));
    const hit = cache.get(key);
    if (hit) return hit as T;
    const type = this.claim(make());
    cache.set(key, type);
    return type;
  }
}
