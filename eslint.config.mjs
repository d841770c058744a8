import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * Which code may import which (ARCHITECTURE.md): each layer imports only the layers below
 * it, and the domain modules only the ones listed before them. A wrong-way import fails
 * `npm run lint`.
 */
const ROUTES = ["./app", "./pages", "./proxy.ts", "./instrumentation.ts", "./instrumentation-client.ts", "./server.ts"];
const COMPONENTS = ["./components"];
/** Entry points from the framework into the domain: server actions and the job workers. */
const ENTRY_POINTS = ["./lib/actions", "./lib/workers.ts"];
/** Domain modules, lowest first: each may import those before it, never those after. */
const DOMAINS = [
  "mail",
  "jobs",
  "auth",
  "search",
  "media",
  "subscribers",
  "taxonomy",
  "users",
  "publications",
  "events",
  "mailings",
  "feeds",
  "wordpress",
  "export",
  "backup",
].map((name) => `./lib/${name}`);
const DATA = ["./lib/data"];
/** No database: formatting, validation, rich text, HTTP helpers, cache tags. */
const CORE = ["./lib/format", "./lib/validations", "./lib/content", "./lib/http", "./lib/cache"];
const OUTSIDE_THE_APP = ["./scripts", "./bench", "./tests", "./e2e"];

/** Every layer, top first. */
const LAYERS = [
  { name: "routes", paths: ROUTES },
  { name: "components", paths: COMPONENTS },
  { name: "lib/actions and lib/workers.ts", paths: ENTRY_POINTS },
  { name: "the domain modules", paths: DOMAINS },
  { name: "lib/data", paths: DATA },
  { name: "the core modules (format, validations, content, http, cache)", paths: CORE },
];

const layerZones = LAYERS.flatMap((layer, index) =>
  LAYERS.slice(0, index).map((higher) => ({
    target: layer.paths,
    from: higher.paths,
    message: `${layer.name} may not import ${higher.name}: dependencies point down (ARCHITECTURE.md).`,
  })),
);

const domainZones = DOMAINS.slice(0, -1).map((domain, index) => ({
  target: domain,
  from: DOMAINS.slice(index + 1),
  message: `${domain.slice(2)} may import only the domain modules listed before it in eslint.config.mjs (ARCHITECTURE.md).`,
}));

const appZones = [
  {
    target: ["./lib", "./components", ...ROUTES],
    from: OUTSIDE_THE_APP,
    message: "The app does not import scripts, benchmarks or tests.",
  },
  {
    target: "./components/ui",
    from: ["./components/public", "./components/admin", "./components/auth", "./lib/data", "./lib/db.ts"],
    message: "components/ui holds primitives: no feature components, no data access.",
  },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "node_modules/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        { basePath: import.meta.dirname, zones: [...layerZones, ...domainZones, ...appZones] },
      ],
    },
  },
];

export default config;
