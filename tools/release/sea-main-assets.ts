/** The asset names the release build stores the bundled plugin and its code cache under (sea-main). */
export const SEA_MAIN_ASSETS = { script: "plugin.js", codeCache: "plugin.code-cache" } as const;
