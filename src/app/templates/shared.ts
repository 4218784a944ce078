import { formatJson } from "../../config/json.ts";
import { ENVIRONMENT_NAMES } from "../../config/paths.ts";
import type { AppFiles } from "../../config/types.ts";

/** Files every new app starts with; JSON goes through the canonical writer. */
export function baseApp(appId: string, name: string): AppFiles {
  const files: AppFiles = {
    "realm_config.json": formatJson({
      app_id: appId,
      config_version: 20210101,
      name,
      location: "US-VA",
      deployment_model: "GLOBAL",
    }),
    "data_sources/mongodb-atlas/config.json": formatJson({
      name: "mongodb-atlas",
      type: "mongodb-atlas",
      config: { clusterName: "Cluster0", readPreference: "primary", wireProtocolEnabled: false },
      version: 1,
    }),
    // A new app's export listed the API-key provider, switched off until someone enables it.
    "auth/providers.json": formatJson({
      "api-key": { name: "api-key", type: "api-key", disabled: true },
    }),
    "auth/custom_user_data.json": formatJson({ enabled: false }),
    "functions/config.json": formatJson([]),
    "graphql/config.json": formatJson({ use_natural_pluralization: true }),
  };
  for (const env of ENVIRONMENT_NAMES) files[`environments/${env}.json`] = formatJson({ values: {} });
  return files;
}
