// Offline validation of deploy/k8s: renders every overlay with `kubectl kustomize`, validates each object
// against the Kubernetes schemas (required fields and types from kubernetes-models, unknown fields from the
// generated type maps of @kubernetes/client-node), checks the custom resources (Prometheus Operator models;
// a structural check for Strimzi, which has no npm model package), and checks the manifests against the
// services' own configuration (ports, probes, env names, roles, topics, metric names) and, for prod, that every
// connection leaving a pod uses TLS and credentials of its own (PostgreSQL, Redis, Kafka ACLs, ClickHouse).
//
// Usage: node validate.mjs <repo root>. Prints one line per check and "N passed, M failed" last; exits 1
// on any failure.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { checkStrimzi, checkMonitoringShape } from "./crds.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = process.argv[2] ?? join(here, "..", "..", "..");
const k8s = join(root, "deploy", "k8s");

let passed = 0;
let failed = 0;
function check(name, problems) {
  const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
  if (list.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}`);
    for (const p of list) console.log(`    ${p}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Schemas of built-in kinds

const modelCache = new Map();
async function kubernetesModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  if (!modelCache.has(path)) {
    modelCache.set(path, import(path).then((m) => m[kind]).catch(() => null));
  }
  return modelCache.get(path);
}

const typeMapCache = new Map();
async function typeMap(typeName) {
  if (!typeMapCache.has(typeName)) {
    const file = `@kubernetes/client-node/dist/gen/models/${typeName}.js`;
    typeMapCache.set(
      typeName,
      import(file)
        .then((m) => (m[typeName]?.getAttributeTypeMap ? m[typeName].getAttributeTypeMap() : null))
        .catch(() => null),
    );
  }
  return typeMapCache.get(typeName);
}

function clientNodeTypeName(apiVersion, kind) {
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
  return version.charAt(0).toUpperCase() + version.slice(1) + kind;
}

const SCALARS = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString"]);

// Walks a value against the client-node type map, reporting every key the API would not know.
async function unknownFields(value, type, path, out) {
  if (value === null || value === undefined) return;
  if (SCALARS.has(type)) return;
  let m = /^Array<(.+)>$/.exec(type);
  if (m) {
    if (!Array.isArray(value)) return out.push(`${path}: expected a list`);
    for (let i = 0; i < value.length; i++) await unknownFields(value[i], m[1], `${path}[${i}]`, out);
    return;
  }
  m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (m) {
    if (typeof value !== "object" || Array.isArray(value)) return out.push(`${path}: expected a map`);
    for (const [k, v] of Object.entries(value)) await unknownFields(v, m[1], `${path}.${k}`, out);
    return;
  }
  const attributes = await typeMap(type);
  if (!attributes) return out.push(`${path}: no type map for ${type}`);
  if (typeof value !== "object" || Array.isArray(value)) return out.push(`${path}: expected an object (${type})`);
  const byName = new Map(attributes.map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!byName.has(k)) out.push(`${path}.${k}: unknown field (not in ${type})`);
    else await unknownFields(v, byName.get(k), `${path}.${k}`, out);
  }
}

const PROMETHEUS_KINDS = new Set(["ServiceMonitor", "PodMonitor", "PrometheusRule"]);
const STRIMZI_KINDS = new Set(["Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"]);

async function schemaProblems(obj, all) {
  const problems = [];
  const { apiVersion, kind } = obj;
  if (!apiVersion || !kind) return ["apiVersion and kind are required"];
  if (!obj.metadata?.name) problems.push("metadata.name is required");
  if (apiVersion === "monitoring.coreos.com/v1" && PROMETHEUS_KINDS.has(kind)) {
    const mod = await import(`@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${kind}`);
    try {
      new mod[kind](obj).validate();
    } catch (e) {
      problems.push(String(e.message ?? e));
    }
    problems.push(...checkMonitoringShape(obj));
    return problems;
  }
  if (apiVersion === "kafka.strimzi.io/v1beta2" && STRIMZI_KINDS.has(kind)) {
    return problems.concat(checkStrimzi(obj, all));
  }
  if (kind === "Secret" && obj.data) {
    // kustomize wraps long base64 values over lines; the API server's decoder (Go's encoding/base64)
    // ignores the newlines, so validate what it will decode.
    obj = { ...obj, data: Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, String(v).replace(/\s+/g, "")])) };
  }
  const Model = await kubernetesModel(apiVersion, kind);
  if (!Model) return [`no schema for ${apiVersion} ${kind}: an unknown or misspelt kind`];
  try {
    new Model(obj).validate();
  } catch (e) {
    problems.push(String(e.message ?? e));
  }
  const typeName = clientNodeTypeName(apiVersion, kind);
  if (!(await typeMap(typeName))) problems.push(`no client-node type map for ${typeName}`);
  else await unknownFields(obj, typeName, kind, problems);
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// What the services' configuration says

function readProperties(file) {
  if (!existsSync(file)) return [];
  const entries = [];
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const i = line.indexOf("=");
    if (i < 0) continue;
    entries.push({ key: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return entries;
}

const envName = (key) => key.replace(/[^A-Za-z0-9]/g, "_").toUpperCase();

// Keys of the @ConfigMapping interfaces under a module's sources: prefix plus each method in kebab case,
// nested group interfaces followed (maps of groups are not, their keys are free). Such keys are read
// although no properties file names them (cloudlab.clickhouse.user, ...).
function configMappingKeys(module) {
  const keys = new Set();
  const dir = join(root, module, "src/main/java");
  const kebab = (n) => n.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  const walk = (d) => {
    for (const e of existsSync(d) ? readdirSync(d) : []) {
      const f = join(d, e);
      if (statSync(f).isDirectory()) { walk(f); continue; }
      if (!f.endsWith(".java")) continue;
      const raw = readFileSync(f, "utf8");
      const prefix = /@ConfigMapping\(\s*prefix\s*=\s*"([^"]+)"/.exec(raw)?.[1];
      if (!prefix) continue;
      // Comments out, string literals replaced by numbered placeholders (their braces would confuse the
      // nesting), in one pass: a URL in a string is not a comment.
      const strings = [];
      const text = raw.replace(/"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
        (m) => (m.startsWith('"') ? `§${strings.push(m.slice(1, -1)) - 1}§` : ""));
      // Top-level members of a body: methods "Type name();" and nested "interface Name { ... }".
      const members = (body) => {
        const out = { methods: [], interfaces: new Map() };
        let depth = 0, start = 0, pending = "";
        for (let i = 0; i < body.length; i++) {
          const ch = body[i];
          if (ch === "{") {
            if (depth === 0) { pending = body.slice(start, i); start = i + 1; }
            depth++;
          } else if (ch === "}") {
            depth--;
            if (depth === 0) {
              const name = /\binterface\s+(\w+)/.exec(pending)?.[1];
              if (name) out.interfaces.set(name, body.slice(start, i));
              start = i + 1;
            }
          } else if (ch === ";" && depth === 0) {
            const stmt = body.slice(start, i);
            start = i + 1;
            const m = /^([\s\S]*?)([\w.<>,?\s\[\]]+?)\s+(\w+)\s*\(\s*\)\s*$/.exec(stmt);
            if (m && !/\b(static|default)\b/.test(m[1] + m[2])) {
              const renamed = /@WithName\(\s*§(\d+)§\s*\)/.exec(m[1])?.[1];
              out.methods.push({ name: renamed !== undefined ? strings[renamed] : kebab(m[3]), type: m[2].trim() });
            }
          }
        }
        return out;
      };
      const open = text.indexOf("{", text.indexOf("@ConfigMapping"));
      let depth = 0, end = open;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      const collect = (body, at, known) => {
        const { methods, interfaces } = members(body);
        const groups = new Map([...known, ...interfaces]);
        for (const { name, type } of methods) {
          if (/^Map\b/.test(type)) continue;
          const inner = /^Optional<(\w+)>$/.exec(type)?.[1] ?? type;
          if (groups.has(inner)) collect(groups.get(inner), `${at}.${name}`, groups);
          else keys.add(`${at}.${name}`);
        }
      };
      collect(text.slice(open + 1, end), prefix, new Map());
    }
  };
  walk(dir);
  return keys;
}

function serviceConfig(service) {
  const pom = readFileSync(join(root, service, "pom.xml"), "utf8");
  const files = [join(root, "service-support/src/main/resources/META-INF/microprofile-config.properties")];
  const modules = ["service-support"];
  for (const lib of ["event-store", "read-models"]) {
    if (pom.includes(`<artifactId>${lib}</artifactId>`)) {
      files.push(join(root, lib, "src/main/resources/META-INF/microprofile-config.properties"));
      modules.push(lib);
    }
  }
  modules.push(service);
  files.push(join(root, service, "src/main/resources/application.properties"));
  const entries = files.flatMap(readProperties);
  const vars = new Map(); // env var -> default (undefined when none)
  const keys = new Set();
  const props = new Map();
  for (const { key, value } of entries) {
    if (key.startsWith("%")) continue; // profile-only (test, dev): not how a deployed service runs
    keys.add(key);
    props.set(key, value);
    for (const m of value.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?\}/g)) vars.set(m[1], m[2]);
  }
  for (const m of modules) for (const k of configMappingKeys(m)) keys.add(k);
  const app = props.get("quarkus.application.name");
  const port = /\$\{HTTP_PORT:(\d+)\}/.exec(props.get("quarkus.http.port") ?? "")?.[1];
  const role = /\$\{DB_USER:([a-z_]+)\}/.exec(props.get("quarkus.datasource.username") ?? "")?.[1];
  const topics = new Set();
  const consumed = new Set();
  const produced = new Set(); // what its outbox relay publishes to
  const reads = []; // { topic, group } per incoming channel
  for (const [key, value] of props) {
    const t = value.replace("${cloudlab.kafka.topic-prefix:}", "");
    const channel = /^mp\.messaging\.incoming\.([^.]+)\.topic$/.exec(key)?.[1];
    if (channel) {
      topics.add(t);
      consumed.add(t);
      reads.push({ topic: t, group: props.get(`mp.messaging.incoming.${channel}.group.id`) });
    }
    if (key.startsWith("cloudlab.event-store.relay.topics.")) {
      topics.add(t);
      produced.add(t);
    }
  }
  // From the properties files, not the mapping keys: read-models declares the key for every service using it.
  const usesClickHouse = props.has("cloudlab.clickhouse.url");
  return { service, app, port, role, vars, keys, props, topics, consumed, produced, reads, usesClickHouse };
}

// Environment variables a deployed service must be given: no default, or a default that only works on a
// developer's machine (localhost, <role>_dev passwords, the home directory), or a key.
function mustBeSet(name, dflt) {
  if (dflt === undefined) return true;
  if (/localhost|127\.0\.0\.1|_dev\b|user\.home/.test(dflt)) return true;
  return /(PASSWORD|KEY|KEK)$/.test(name);
}
const MIGRATOR_VARS = new Set(["DB_MIGRATOR_USER", "DB_MIGRATOR_PASSWORD"]);
// Read by Quarkus extensions although no properties file of ours names them, for a deployment to set:
// checked against Quarkus 3.34's configuration interfaces (DataSourceReactiveRuntimeConfig,
// DataSourceReactivePostgreSQLConfig, RedisClientConfig and its TlsConfig).
const EXTENSION_PROPERTIES = [
  "quarkus.datasource.reactive.postgresql.ssl-mode",
  "quarkus.datasource.reactive.hostname-verification-algorithm",
  "quarkus.datasource.reactive.trust-all",
  "quarkus.datasource.reactive.trust-certificate-pem",
  "quarkus.datasource.reactive.trust-certificate-pem.certs",
  "quarkus.redis.password",
  "quarkus.redis.tls.trust-all",
  "quarkus.redis.tls.hostname-verification-algorithm",
  "quarkus.redis.tls.trust-certificate-pem",
  "quarkus.redis.tls.trust-certificate-pem.certs",
];
// Kafka client settings: Quarkus hands every kafka.* property to the clients of the Kafka connector, and
// reads a KAFKA_* variable as kafka.* with "_" turned into "." (KafkaRuntimeConfigProducer). Only those
// used for TLS and authentication are listed: anything else is more likely a typo.
const KAFKA_CLIENT_PROPERTIES = [
  "security.protocol", "sasl.mechanism", "sasl.jaas.config",
  "ssl.truststore.type", "ssl.truststore.location", "ssl.endpoint.identification.algorithm",
  "ssl.keystore.type", "ssl.keystore.key", "ssl.keystore.certificate.chain",
];
const knownEnv = (name, cfg) =>
  cfg.vars.has(name) || RUNTIME_VARS.has(name) || [...cfg.keys].some((k) => envName(k) === name) ||
  EXTENSION_PROPERTIES.some((k) => envName(k) === name) || KAFKA_CLIENT_PROPERTIES.some((k) => envName(`kafka.${k}`) === name);
// Read by Quarkus itself (not from a properties file) or by the image's java launcher.
const RUNTIME_VARS = new Set(["JAVA_OPTS"]);
const JOB_ONLY_VARS = new Set(["QUARKUS_INIT_AND_EXIT"]);

// ---------------------------------------------------------------------------------------------------
// Helpers over rendered objects

const podSpecOf = (o) =>
  o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
const podLabelsOf = (o) =>
  (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.metadata?.labels : o.spec?.template?.metadata?.labels) ?? {};
const WORKLOADS = new Set(["Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet"]);
const find = (all, kind, name) => all.find((o) => o.kind === kind && o.metadata?.name === name);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

function resolvedEnv(container, all) {
  const names = new Map(); // name -> {value?, from}
  const problems = [];
  for (const src of container.envFrom ?? []) {
    if (src.configMapRef) {
      const cm = find(all, "ConfigMap", src.configMapRef.name);
      if (!cm) problems.push(`envFrom ConfigMap ${src.configMapRef.name} is not in the render`);
      for (const [k, v] of Object.entries(cm?.data ?? {})) names.set(k, { value: v, from: `ConfigMap ${cm.metadata.name}` });
    }
    if (src.secretRef) problems.push(`envFrom Secret ${src.secretRef.name}: name each secret variable instead`);
  }
  for (const e of container.env ?? []) {
    names.set(e.name, { value: e.value, from: e.valueFrom ? "valueFrom" : "value", valueFrom: e.valueFrom });
  }
  return { names, problems };
}

function secretRefs(obj) {
  const refs = new Set();
  const spec = podSpecOf(obj);
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) refs.add(e.valueFrom.secretKeyRef.name);
    for (const s of c.envFrom ?? []) if (s.secretRef) refs.add(s.secretRef.name);
  }
  for (const v of spec?.volumes ?? []) if (v.secret) refs.add(v.secret.secretName);
  return refs;
}

function configMapRefs(obj) {
  const refs = new Set();
  const spec = podSpecOf(obj);
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) refs.add(e.valueFrom.configMapKeyRef.name);
    for (const s of c.envFrom ?? []) if (s.configMapRef) refs.add(s.configMapRef.name);
  }
  for (const v of spec?.volumes ?? []) if (v.configMap) refs.add(v.configMap.name);
  return refs;
}

const memBytes = (q) => {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(String(q ?? ""));
  if (!m) return NaN;
  return Number(m[1]) * { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, undefined: 1 }[m[2]];
};

// ---------------------------------------------------------------------------------------------------
// Checks of one workload against its service's configuration

// What every Quarkus process's Deployment must get right, a service's or the console's: its image, HTTP port and
// health probes; every variable read by something in its configuration (known) and every local default
// overridden; the heap under the memory limit; the pod's user, /tmp, service account and Service.
function quarkusPodProblems(dep, cfg, all, known) {
  const p = [];
  const spec = podSpecOf(dep);
  const c = spec?.containers?.find((x) => x.name === cfg.app) ?? spec?.containers?.[0];
  if (!c) return { p: ["no container"], names: new Map() };
  const [repo, tag] = String(c.image).split(":");
  if (!repo.endsWith(`cloudlab/${cfg.app}`)) p.push(`image ${c.image} is not cloudlab/${cfg.app} (quarkus.application.name)`);
  if (!tag) p.push(`image ${c.image} has no tag`);
  const http = (c.ports ?? []).find((x) => x.name === "http");
  if (!http) p.push("no container port named http");
  else if (String(http.containerPort) !== cfg.port) p.push(`containerPort ${http.containerPort} != quarkus.http.port default ${cfg.port}`);
  const probes = { readinessProbe: "/q/health/ready", livenessProbe: "/q/health/live", startupProbe: "/q/health/started" };
  for (const [probe, path] of Object.entries(probes)) {
    const g = c[probe]?.httpGet;
    if (!g) p.push(`${probe} missing or not httpGet`);
    else {
      if (g.path !== path) p.push(`${probe} path ${g.path} != ${path}`);
      if (g.port !== "http" && String(g.port) !== cfg.port) p.push(`${probe} port ${g.port} is not the HTTP port`);
    }
  }
  const { names, problems } = resolvedEnv(c, all);
  p.push(...problems);
  for (const [name, info] of names) {
    if (!known(name)) p.push(`env ${name} (${info.from}) is read by nothing in ${cfg.service}'s configuration`);
  }
  for (const [name, dflt] of cfg.vars) {
    if (MIGRATOR_VARS.has(name)) continue;
    if (mustBeSet(name, dflt) && !names.has(name)) p.push(`env ${name} must be set: its default (${dflt ?? "none"}) only works locally`);
  }
  if (names.get("HTTP_PORT")?.value !== cfg.port) p.push(`HTTP_PORT ${names.get("HTTP_PORT")?.value} != ${cfg.port}`);
  const xmx = /-Xmx(\d+)m/.exec(names.get("JAVA_OPTS")?.value ?? "")?.[1];
  const limit = memBytes(c.resources?.limits?.memory);
  if (!xmx) p.push("JAVA_OPTS has no -Xmx: the heap must be capped below the memory limit");
  else if (!(Number(xmx) * 1024 ** 2 < limit * 0.75)) p.push(`-Xmx${xmx}m leaves too little of the ${c.resources?.limits?.memory} limit outside the heap`);
  if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) p.push("resources requests (cpu, memory) and a memory limit are required");
  if (spec.securityContext?.runAsUser !== 1001) p.push("pod runAsUser must be 1001");
  if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp" && spec.volumes?.find((v) => v.name === m.name)?.emptyDir)) {
    p.push("no emptyDir at /tmp (Vert.x and Quarkus write there; the root filesystem is read-only)");
  }
  const sa = find(all, "ServiceAccount", spec.serviceAccountName);
  if (!sa) p.push(`ServiceAccount ${spec.serviceAccountName} is not in the render`);
  else if (sa.automountServiceAccountToken !== false) p.push("ServiceAccount must not automount its token");
  if (spec.automountServiceAccountToken !== false) p.push("pod must not automount a service account token");
  const svc = find(all, "Service", cfg.app);
  if (!svc) p.push(`no Service ${cfg.app}`);
  else {
    if (!matches(svc.spec.selector, podLabelsOf(dep))) p.push("the Service's selector does not select the pods");
    const sp = svc.spec.ports?.find((x) => x.name === "http");
    if (!sp || (sp.targetPort !== "http" && String(sp.targetPort) !== cfg.port)) p.push("Service port http must target the container's http port");
  }
  return { p, names, c, spec, svc };
}

function serviceDeploymentProblems(dep, cfg, all) {
  const { p, names, c, spec, svc } = quarkusPodProblems(dep, cfg, all, (name) => knownEnv(name, cfg));
  if (!c) return p;
  for (const name of names.keys()) {
    if (MIGRATOR_VARS.has(name)) p.push(`env ${name}: the running service gets no owner credentials (migrations run in a Job)`);
    if (JOB_ONLY_VARS.has(name)) p.push(`env ${name} belongs to the migration Job only`);
  }
  if (names.get("DB_USER")?.value !== cfg.role) p.push(`DB_USER ${names.get("DB_USER")?.value} != the service's role ${cfg.role}`);
  for (const flag of ["QUARKUS_FLYWAY_MIGRATE_AT_START", "QUARKUS_FLYWAY__EVENT_STORE__MIGRATE_AT_START"]) {
    if (names.get(flag)?.value !== "false") p.push(`${flag} must be "false": migrations run in the Job, as the owner`);
  }
  const jwt = names.get("JWT_PUBLIC_KEY_LOCATION")?.value;
  const mounted = (c.volumeMounts ?? []).some((m) => {
    const vol = spec.volumes?.find((v) => v.name === m.name);
    return vol?.secret && (vol.secret.items ?? []).some((i) => `${m.mountPath}/${i.path}` === jwt);
  });
  if (!mounted) p.push(`JWT_PUBLIC_KEY_LOCATION ${jwt} is not a file mounted from a Secret`);
  const sm = find(all, "ServiceMonitor", cfg.app);
  if (!sm) p.push(`no ServiceMonitor ${cfg.app}`);
  else {
    if (!svc || !matches(sm.spec.selector?.matchLabels, svc.metadata.labels)) p.push("the ServiceMonitor does not select the Service");
    const ep = sm.spec.endpoints?.[0];
    if (ep?.path !== "/q/metrics" || ep?.port !== "http") p.push("ServiceMonitor must scrape port http at /q/metrics");
  }
  const hpa = all.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec?.scaleTargetRef?.name === cfg.app);
  if (!hpa) p.push("no HorizontalPodAutoscaler");
  else {
    const partitions = Math.min(
      ...[...cfg.consumed].map((t) => find(all, "KafkaTopic", t)?.spec?.partitions ?? Infinity),
    );
    if (hpa.spec.maxReplicas > partitions) p.push(`HPA maxReplicas ${hpa.spec.maxReplicas} > ${partitions} partitions of the topics it consumes`);
    if (hpa.spec.minReplicas > hpa.spec.maxReplicas) p.push("HPA minReplicas > maxReplicas");
    if (dep.spec.replicas !== undefined) p.push("spec.replicas is set although an HPA scales the Deployment: every apply would reset it");
  }
  const pdb = all.find((o) => o.kind === "PodDisruptionBudget" && matches(o.spec?.selector?.matchLabels, podLabelsOf(dep)));
  if (!pdb) p.push("no PodDisruptionBudget selects the pods");
  const labels = podLabelsOf(dep);
  if (labels["cloudlab.io/kafka-client"] !== "true") p.push("pods need cloudlab.io/kafka-client (NetworkPolicy to Kafka)");
  if (labels["cloudlab.io/postgres-client"] !== "true") p.push("pods need cloudlab.io/postgres-client");
  if ((labels["cloudlab.io/clickhouse-client"] === "true") !== cfg.usesClickHouse) {
    p.push(`cloudlab.io/clickhouse-client must be set exactly when the service reads cloudlab.clickhouse.url (${cfg.usesClickHouse})`);
  }
  return p;
}

function migrationJobProblems(job, dep, cfg, all) {
  const p = [];
  const c = podSpecOf(job)?.containers?.[0];
  const dc = podSpecOf(dep)?.containers?.[0];
  if (!c) return ["no container"];
  if (c.image !== dc?.image) p.push(`image ${c.image} != the Deployment's ${dc?.image}`);
  const { names, problems } = resolvedEnv(c, all);
  p.push(...problems);
  if (names.get("QUARKUS_INIT_AND_EXIT")?.value !== "true") p.push("QUARKUS_INIT_AND_EXIT must be \"true\"");
  for (const v of MIGRATOR_VARS) if (!names.has(v)) p.push(`${v} must be set (Flyway runs as the owner)`);
  for (const [name] of names) {
    if (!knownEnv(name, cfg) && !JOB_ONLY_VARS.has(name)) p.push(`env ${name} is read by nothing in ${cfg.service}'s configuration`);
    if (name.startsWith("QUARKUS_FLYWAY") && names.get(name)?.value === "false") p.push(`${name}=false would skip the migration`);
  }
  const depFrom = JSON.stringify(dc?.envFrom ?? []);
  if (JSON.stringify(c.envFrom ?? []) !== depFrom) p.push("envFrom differs from the Deployment's: the migration must see the service's configuration");
  if (podSpecOf(job)?.restartPolicy !== "Never") p.push("restartPolicy must be Never (failed attempts keep their logs)");
  return p;
}

function podSecurityProblems(o) {
  const p = [];
  const spec = podSpecOf(o);
  if (!spec) return ["no pod template"];
  if (spec.securityContext?.runAsNonRoot !== true) p.push("pod securityContext.runAsNonRoot must be true");
  if (spec.securityContext?.seccompProfile?.type !== "RuntimeDefault") p.push("pod seccompProfile must be RuntimeDefault");
  if (spec.automountServiceAccountToken !== false) p.push("automountServiceAccountToken must be false");
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) p.push(`${c.name}: allowPrivilegeEscalation must be false`);
    if (sc.readOnlyRootFilesystem !== true) p.push(`${c.name}: readOnlyRootFilesystem must be true`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) p.push(`${c.name}: capabilities must drop ALL`);
    if (!c.resources?.requests || !c.resources?.limits?.memory) p.push(`${c.name}: resources requests and a memory limit are required`);
    const img = String(c.image ?? "");
    const tag = img.includes("@") ? "digest" : img.split("/").pop().split(":")[1];
    if (!tag || tag === "latest") p.push(`${c.name}: image ${img} must be pinned (no tag or :latest)`);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------
// Platform-wide checks of one rendered overlay

function localTopics() {
  return readFileSync(join(root, "deploy/local/kafka/topics"), "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .map((l) => l.trim().split(/\s+/))
    .map(([name, partitions, hours]) => ({ name, partitions: Number(partitions), hours: Number(hours) }));
}

function javaSources() {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const f = join(d, e);
      if (statSync(f).isDirectory()) walk(f);
      else if (f.endsWith(".java")) out.push(readFileSync(f, "utf8"));
    }
  };
  for (const m of ["event-store", "read-models", "service-support", "order-service", "inventory-service", "payment-service", "saga-orchestrator"]) {
    const d = join(root, m, "src/main/java");
    if (existsSync(d)) walk(d);
  }
  return out.join("\n");
}

// Meters the platform registers itself; the rest come from Quarkus (sql_pool_*: the reactive pool's
// Vert.x metrics) or from exporters (pg_, pgbouncer_, kafka_, kubelet_).
const OWN_METRIC = /^(cloudlab_|order_|payment_|saga_|sagas_|event_store_)/;
function meterNamesIn(text) {
  const names = new Set();
  for (const m of text.matchAll(/\b([a-z][a-z0-9_]*)(?=\s*[{[(]|\s*\)|\s*[/><*+-]|\s*$)/gm)) names.add(m[1]);
  return [...names].filter((n) => OWN_METRIC.test(n));
}
const baseMeter = (n) => n.replace(/_(seconds_bucket|seconds_sum|seconds_count|seconds_max|seconds|total)$/, "");

function platformChecks(overlay, all, configs, sources) {
  const prod = overlay === "prod";
  const services = all.filter((o) => o.kind === "Deployment" && o.metadata?.labels?.["app.kubernetes.io/component"] === "service");
  check(`${overlay}: the four services are deployed`, (() => {
    const want = configs.map((c) => c.app).sort().join(",");
    const got = services.map((d) => d.metadata.name).sort().join(",");
    return want === got ? null : `deployed ${got}, expected ${want}`;
  })());
  for (const cfg of configs) {
    const dep = find(all, "Deployment", cfg.app);
    check(`${overlay}: ${cfg.app} Deployment matches ${cfg.service}'s configuration`, dep ? serviceDeploymentProblems(dep, cfg, all) : "missing");
    const job = all.find((o) => o.kind === "Job" && o.metadata?.labels?.["cloudlab.io/migrates"] === cfg.app);
    check(`${overlay}: ${cfg.app} has a migration Job with its image and configuration`, job && dep ? migrationJobProblems(job, dep, cfg, all) : "missing");
    if (prod) {
      const tag = String(podSpecOf(dep)?.containers?.[0]?.image).split(":")[1] ?? "";
      check(`${overlay}: ${cfg.app} runs a release image`, /SNAPSHOT|latest/.test(tag) ? `tag ${tag}` : null);
    }
  }
  for (const o of all.filter((x) => WORKLOADS.has(x.kind))) {
    check(`${overlay}: ${o.kind} ${o.metadata.name} meets the restricted pod security standard`, podSecurityProblems(o));
  }

  // Topics: the same set as deploy/local, and every topic a service uses exists.
  const topics = all.filter((o) => o.kind === "KafkaTopic");
  check(`${overlay}: KafkaTopics are deploy/local/kafka/topics (names, partitions)`, (() => {
    const p = [];
    const local = localTopics();
    for (const t of local) {
      const k = topics.find((x) => x.metadata.name === t.name);
      if (!k) p.push(`${t.name} missing`);
      else if (k.spec.partitions !== t.partitions) p.push(`${t.name}: ${k.spec.partitions} partitions, deploy/local has ${t.partitions}`);
    }
    for (const k of topics) if (!local.some((t) => t.name === k.metadata.name)) p.push(`${k.metadata.name} is not in deploy/local/kafka/topics`);
    return p;
  })());
  check(`${overlay}: every topic the services produce or consume is declared`, configs.flatMap((c) =>
    [...c.topics].filter((t) => !topics.some((k) => k.metadata.name === t)).map((t) => `${c.app} uses ${t}`)));
  check(`${overlay}: integration event topics keep messages longer than commands`, topics
    .filter((t) => t.metadata.name.endsWith(".events"))
    .filter((t) => Number(t.spec.config?.["retention.ms"]) < 14 * 24 * 3600 * 1000)
    .map((t) => `${t.metadata.name}: retention.ms ${t.spec.config?.["retention.ms"]}`));

  // References resolve.
  const secrets = new Set(all.filter((o) => o.kind === "Secret").map((o) => o.metadata.name));
  const referenced = new Set(all.filter((o) => WORKLOADS.has(o.kind)).flatMap((o) => [...secretRefs(o)]));
  if (prod) {
    check(`${overlay}: no Secret values are committed`, [...secrets].map((s) => `Secret ${s} is defined in the prod render`));
    const readme = existsSync(join(k8s, "README.md")) ? readFileSync(join(k8s, "README.md"), "utf8") : "";
    check(`${overlay}: every Secret the workloads reference is listed in deploy/k8s/README.md`,
      [...referenced].filter((s) => !readme.includes(`\`${s}\``)).map((s) => `${s} is not documented`));
  } else {
    const outOfBand = new Set(["cloudlab-jwt-public-key"]);
    check(`${overlay}: every Secret the workloads reference is generated (or documented as per machine)`,
      [...referenced].filter((s) => !secrets.has(s) && !outOfBand.has(s)).map((s) => `${s} is neither generated nor known`));
  }
  const configMaps = new Set(all.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
  check(`${overlay}: every ConfigMap the workloads reference is in the render`, all
    .filter((o) => WORKLOADS.has(o.kind))
    .flatMap((o) => [...configMapRefs(o)].filter((c) => !configMaps.has(c)).map((c) => `${o.metadata.name} -> ${c}`)));

  // Who may talk to which datastore: the labels the NetworkPolicies select on.
  const withLabel = (label) => all.filter((o) => WORKLOADS.has(o.kind) && podLabelsOf(o)[label] === "true").map((o) => o.metadata.name).sort();
  const serviceNames = configs.map((c) => c.app);
  check(`${overlay}: only the services reach Kafka`, (() => {
    const got = withLabel("cloudlab.io/kafka-client");
    return got.join(",") === [...serviceNames].sort().join(",") ? null : `cloudlab.io/kafka-client on ${got.join(", ")}`;
  })());
  check(`${overlay}: only services, PgBouncer, jobs and the exporter reach PostgreSQL`, withLabel("cloudlab.io/postgres-client")
    .filter((n) => {
      const o = all.find((x) => WORKLOADS.has(x.kind) && x.metadata.name === n);
      return !(serviceNames.includes(n) || n === "pgbouncer" || n === "postgres-exporter" || o.kind === "Job" || o.kind === "CronJob");
    })
    .map((n) => `${n} carries cloudlab.io/postgres-client`));
  const policies = all.filter((o) => o.kind === "NetworkPolicy");
  check(`${overlay}: a default-deny NetworkPolicy covers every pod, both directions`, policies.some((n) =>
    Object.keys(n.spec.podSelector ?? {}).length === 0 && !n.spec.ingress && !n.spec.egress &&
    ["Ingress", "Egress"].every((t) => n.spec.policyTypes?.includes(t))) ? null : "missing");
  check(`${overlay}: the services accept traffic only from the ingress controller and Prometheus`, (() => {
    const p = [];
    for (const n of policies.filter((x) => x.spec.policyTypes?.includes("Ingress") && x.spec.ingress)) {
      const sel = n.spec.podSelector?.matchLabels ?? {};
      const selectsServices = Object.keys(n.spec.podSelector ?? {}).length === 0 || sel["app.kubernetes.io/component"] === "service";
      if (!selectsServices) continue;
      for (const rule of n.spec.ingress) {
        for (const peer of rule.from ?? [{}]) {
          const ns = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
          if (!["ingress-nginx", "monitoring"].includes(ns)) p.push(`${n.metadata.name} admits ${JSON.stringify(peer)}`);
        }
      }
    }
    return p;
  })());
  if (prod) {
    check(`${overlay}: every external endpoint is allowed by an egress policy for its clients`, (() => {
      const p = [];
      const clientLabel = { postgres: "cloudlab.io/postgres-client", redis: "cloudlab.io/redis-client", clickhouse: "cloudlab.io/clickhouse-client" };
      for (const s of all.filter((o) => o.kind === "EndpointSlice")) {
        const svc = s.metadata.labels?.["kubernetes.io/service-name"];
        const label = clientLabel[svc];
        if (!label) { p.push(`${s.metadata.name}: unexpected service ${svc}`); continue; }
        if (!find(all, "Service", svc) || find(all, "Service", svc).spec.selector) p.push(`${svc}: needs a Service without a selector`);
        for (const ep of s.endpoints ?? []) for (const addr of ep.addresses) {
          const port = s.ports?.[0]?.port;
          const ok = policies.some((n) => n.spec.podSelector?.matchLabels?.[label] === "true" && (n.spec.egress ?? []).some((r) =>
            (r.to ?? []).some((t) => t.ipBlock?.cidr === `${addr}/32`) && (r.ports ?? []).some((x) => x.port === port)));
          if (!ok) p.push(`${svc} at ${addr}:${port} is not reachable for ${label} pods`);
        }
      }
      if (all.some((o) => o.kind === "StatefulSet" && ["postgres", "redis", "clickhouse"].includes(o.metadata.name))) p.push("prod runs a datastore StatefulSet");
      return p;
    })());
  } else {
    check(`${overlay}: dev PostgreSQL is provisioned with deploy/local's SQL and settings`, (() => {
      const p = [];
      for (const f of ["roles.sql", "database.sql"]) {
        const a = readFileSync(join(root, "deploy/local/postgres", f), "utf8");
        const b = readFileSync(join(k8s, "overlays/dev/postgres", f), "utf8");
        if (a !== b) p.push(`overlays/dev/postgres/${f} differs from deploy/local/postgres/${f}`);
      }
      const args = podSpecOf(find(all, "StatefulSet", "postgres") ?? {})?.containers?.[0]?.args ?? [];
      for (const { key, value } of readProperties(join(root, "deploy/local/postgres/cloudlab.conf"))) {
        // Where to listen, and the TLS certificate of the machine's own local CA, are the machine's, not the cluster's.
        if (["listen_addresses", "ssl", "ssl_cert_file", "ssl_key_file"].includes(key)) continue;
        const want = `${key}=${value.replace(/^'(.*)'$/, "$1")}`;
        if (!args.includes(want)) p.push(`dev PostgreSQL lacks ${want} (deploy/local/postgres/cloudlab.conf)`);
      }
      return p;
    })());
  }

  // SQL the CronJobs call must exist in the event store's migrations.
  check(`${overlay}: the maintenance CronJobs call only functions the event store defines`, (() => {
    const dir = join(root, "event-store/src/main/resources/db/event-store");
    const sql = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    const defined = new Set([...sql.matchAll(/CREATE (?:OR REPLACE )?FUNCTION event_store\.([a-z_]+)/g)].map((m) => m[1]));
    const p = [];
    for (const cj of all.filter((o) => o.kind === "CronJob")) {
      const text = JSON.stringify(podSpecOf(cj)?.containers ?? []);
      for (const m of text.matchAll(/event_store\.([a-z_]+)\(/g)) if (!defined.has(m[1])) p.push(`${cj.metadata.name} calls event_store.${m[1]}, which no migration defines`);
    }
    return p;
  })());
  check(`${overlay}: the migration Jobs go to PostgreSQL directly, not through PgBouncer`, (() => {
    const platform = find(all, "ConfigMap", "cloudlab-platform");
    return platform?.data?.PG_HOST === "postgres" && platform?.data?.PG_PORT === "5432" ? null : `PG_HOST ${platform?.data?.PG_HOST}:${platform?.data?.PG_PORT}`;
  })());

  // Metric names in alerts and the dashboard exist in the code.
  const rules = all.filter((o) => o.kind === "PrometheusRule");
  const exprs = rules.flatMap((r) => r.spec.groups.flatMap((g) => g.rules.map((x) => x.expr)));
  const dashCm = find(all, "ConfigMap", "cloudlab-grafana-dashboard");
  let dash = null;
  check(`${overlay}: the Grafana dashboard is valid JSON in a ConfigMap labelled grafana_dashboard`, (() => {
    if (!dashCm) return "missing";
    if (dashCm.metadata.labels?.grafana_dashboard !== "1") return "label grafana_dashboard missing";
    try { dash = JSON.parse(dashCm.data["grafana-dashboard.json"]); } catch (e) { return String(e); }
    return dash.panels?.length ? null : "no panels";
  })());
  const dashExprs = (dash?.panels ?? []).flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const platformMetrics = [...new Set([...exprs, ...dashExprs].flatMap(meterNamesIn))];
  if (process.env.VALIDATE_DEBUG) console.log(`# platform metrics: ${platformMetrics.join(" ")}`);
  check(`${overlay}: every platform metric in alerts and dashboard (${platformMetrics.length}) is registered in the code`, platformMetrics.length < 5 ? "too few found: the name extraction is broken" : platformMetrics
    .filter((n) => !sources.includes(`"${n}"`) && !sources.includes(`"${baseMeter(n)}"`))
    .map((n) => `${n}: no meter "${baseMeter(n)}" in the Java sources`));
  check(`${overlay}: alerts cover seed 000's thresholds`, (() => {
    const all = exprs.join("\n");
    const want = [/pg_settings_max_connections\)? > 0\.8/, /pg_stat_statements_calls_total\[5m\]\)\) > 1\b/, /capacity_bytes > 0\.85/, /pg_replication_lag_seconds\) > 30/];
    return want.filter((w) => !w.test(all)).map((w) => `no alert matches ${w}`);
  })());

  if (prod) prodSecurityChecks(all, configs);
}

// ---------------------------------------------------------------------------------------------------
// Prod: every connection that leaves a pod is encrypted, verifies the server against a CA that is
// mounted, and logs in with credentials of its own from a Secret. Each function returns the problems of
// one rendered overlay, so that the self-checks below can feed it a broken copy.

// The Secret or ConfigMap entry a container sees at `path`: { kind, name, key }, or null.
function mountedFile(spec, container, path) {
  if (!path) return null;
  for (const m of container.volumeMounts ?? []) {
    const dir = m.mountPath.replace(/\/$/, "");
    let rel;
    if (m.subPath) {
      if (path !== m.mountPath) continue;
      rel = m.subPath;
    } else if (path.startsWith(`${dir}/`)) rel = path.slice(dir.length + 1);
    else continue;
    const v = (spec.volumes ?? []).find((x) => x.name === m.name);
    const src = v?.secret ? { kind: "Secret", name: v.secret.secretName, items: v.secret.items }
      : v?.configMap ? { kind: "ConfigMap", name: v.configMap.name, items: v.configMap.items } : null;
    if (!src) return null;
    const key = src.items ? src.items.find((i) => i.path === rel)?.key : rel;
    return key ? { kind: src.kind, name: src.name, key } : null;
  }
  return null;
}

function caProblems(spec, container, path, what) {
  if (!path) return [`${what}: no CA file set`];
  return mountedFile(spec, container, path) ? [] : [`${what}: ${path} is not mounted from a Secret or ConfigMap`];
}

// A container's environment with ConfigMap references resolved: name -> { value, secret }.
function environment(container, all) {
  const out = new Map();
  for (const [name, info] of resolvedEnv(container, all).names) {
    const cmRef = info.valueFrom?.configMapKeyRef;
    out.set(name, {
      value: cmRef ? find(all, "ConfigMap", cmRef.name)?.data?.[cmRef.key] : info.value,
      secret: info.valueFrom?.secretKeyRef,
    });
  }
  return out;
}

const serviceContainer = (dep, app) => podSpecOf(dep)?.containers?.find((c) => c.name === app) ?? podSpecOf(dep)?.containers?.[0];
const queryOf = (url) => new URLSearchParams(String(url ?? "").split("?")[1] ?? "");

// PostgreSQL from a service's pods and its migration Job: the reactive pool (requests, the event
// store's subscriptions) and the JDBC URL of Flyway, both verify-full against a mounted CA.
function postgresProblems(all, cfg) {
  const p = [];
  const dep = find(all, "Deployment", cfg.app);
  const job = all.find((o) => o.kind === "Job" && o.metadata?.labels?.["cloudlab.io/migrates"] === cfg.app);
  for (const w of [dep, job]) {
    if (!w) { p.push(`no ${w === dep ? "Deployment" : "migration Job"}`); continue; }
    const spec = podSpecOf(w);
    const c = w === dep ? serviceContainer(dep, cfg.app) : spec?.containers?.[0];
    const env = environment(c, all);
    const val = (n) => env.get(n)?.value;
    const at = `${w.kind} ${w.metadata.name}`;
    const want = {
      QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE: "verify-full",
      QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM: "HTTPS",
      QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM: "true",
    };
    for (const [n, v] of Object.entries(want)) {
      if (String(val(n)).toLowerCase() !== v.toLowerCase()) p.push(`${at}: ${n} is ${val(n) ?? "unset"}, not ${v}`);
    }
    if (String(val("QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL")) === "true") p.push(`${at}: QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL trusts any certificate`);
    p.push(...caProblems(spec, c, val("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"), `${at}: the reactive pool's CA`));
    const reactive = val("QUARKUS_DATASOURCE_REACTIVE_URL");
    if (reactive && queryOf(reactive).has("sslmode") && queryOf(reactive).get("sslmode") !== "verify-full") p.push(`${at}: the reactive URL asks for sslmode ${queryOf(reactive).get("sslmode")}`);
    const jdbc = val("QUARKUS_DATASOURCE_JDBC_URL");
    if (!jdbc) p.push(`${at}: QUARKUS_DATASOURCE_JDBC_URL unset: Flyway's connection would not use TLS`);
    else {
      const q = queryOf(jdbc);
      if (q.get("sslmode") !== "verify-full") p.push(`${at}: the JDBC URL's sslmode is ${q.get("sslmode") ?? "unset"}, not verify-full`);
      p.push(...caProblems(spec, c, q.get("sslrootcert"), `${at}: the JDBC URL's sslrootcert`));
    }
    // A named JDBC datasource with a URL of its own would not inherit the parameters.
    for (const [k, v] of cfg.props) {
      if (/^quarkus\.datasource\."[^"]+"\.jdbc\.url$/.test(k) && v !== "${quarkus.datasource.jdbc.url}" && !env.has(envName(k))) {
        p.push(`${at}: ${k} has a URL of its own, without the TLS parameters`);
      }
    }
    const secretVars = w === dep ? ["DB_PASSWORD"] : ["DB_PASSWORD", "DB_MIGRATOR_PASSWORD"];
    for (const n of secretVars) if (!env.get(n)?.secret) p.push(`${at}: ${n} is not from a Secret`);
  }
  return p;
}

// Everything else with the postgres-client label that goes to PostgreSQL itself (PgBouncer's clients stay
// inside the cluster): libpq's environment, postgres_exporter's URI, PgBouncer's server side.
function otherPostgresProblems(all, configs) {
  const p = [];
  for (const o of all.filter((x) => WORKLOADS.has(x.kind) && podLabelsOf(x)["cloudlab.io/postgres-client"] === "true")) {
    if (o.kind === "Deployment" && configs.some((c) => c.app === o.metadata.name)) continue;
    if (o.kind === "Job" && o.metadata.labels?.["cloudlab.io/migrates"]) continue;
    const spec = podSpecOf(o);
    const at = `${o.kind} ${o.metadata.name}`;
    let understood = false;
    for (const c of spec?.containers ?? []) {
      const env = environment(c, all);
      const val = (n) => env.get(n)?.value;
      const pgbouncerConfig = (c.volumeMounts ?? [])
        .map((m) => (spec.volumes ?? []).find((v) => v.name === m.name)?.configMap?.name)
        .map((n) => n && find(all, "ConfigMap", n))
        .find((cm) => cm?.data?.["pgbouncer.ini"]);
      if (env.has("PGHOST")) {
        understood = true;
        if (val("PGHOST") === "pgbouncer") continue;
        if (val("PGSSLMODE") !== "verify-full") p.push(`${at}: PGSSLMODE is ${val("PGSSLMODE") ?? "unset"}, not verify-full`);
        p.push(...caProblems(spec, c, val("PGSSLROOTCERT"), `${at}: PGSSLROOTCERT`));
      } else if (env.has("DATA_SOURCE_URI")) {
        understood = true;
        const q = queryOf(val("DATA_SOURCE_URI"));
        if (q.get("sslmode") !== "verify-full") p.push(`${at}: DATA_SOURCE_URI's sslmode is ${q.get("sslmode") ?? "unset"}, not verify-full`);
        p.push(...caProblems(spec, c, q.get("sslrootcert"), `${at}: DATA_SOURCE_URI's sslrootcert`));
      } else if (pgbouncerConfig) {
        understood = true;
        // pgbouncer.ini and the files it %includes, as this container mounts them.
        let ini = pgbouncerConfig.data["pgbouncer.ini"];
        for (const [, path] of ini.matchAll(/^\s*%include\s+(\S+)/gm)) {
          const f = mountedFile(spec, c, path);
          const text = f && (f.kind === "ConfigMap" ? find(all, "ConfigMap", f.name)?.data?.[f.key] : null);
          if (text === undefined || text === null) p.push(`${at}: ${path} (%include) is not mounted from a ConfigMap in the render`);
          else ini += `\n${text}`;
        }
        const settings = new Map([...ini.matchAll(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/gm)].map((m) => [m[1], m[2]]));
        if (settings.get("server_tls_sslmode") !== "verify-full") p.push(`${at}: server_tls_sslmode is ${settings.get("server_tls_sslmode") ?? "unset"}, not verify-full`);
        p.push(...caProblems(spec, c, settings.get("server_tls_ca_file"), `${at}: server_tls_ca_file`));
      }
    }
    if (!understood) p.push(`${at}: reaches PostgreSQL in a way this check does not know; teach it`);
  }
  return p;
}

// Redis: rediss://, the CA and hostname verification, an ACL user of the service's own in the URL (the
// client takes the user from the URL's `user` parameter only) with a line in the redis-acl ConfigMap,
// the password from a Secret.
function redisIdentity(all, app) {
  const dep = find(all, "Deployment", app);
  const c = dep && serviceContainer(dep, app);
  if (!c) return {};
  const env = environment(c, all);
  const url = env.get("QUARKUS_REDIS_HOSTS")?.value ?? env.get("REDIS_URL")?.value;
  let parsed = null;
  try { parsed = new URL(url); } catch { /* reported below */ }
  return { dep, c, env, url, parsed, user: parsed?.searchParams.get("user"), secret: env.get("QUARKUS_REDIS_PASSWORD")?.secret };
}

function redisProblems(all, cfg) {
  const { dep, c, env, url, parsed, user, secret } = redisIdentity(all, cfg.app);
  if (!dep) return ["no Deployment"];
  if (podLabelsOf(dep)["cloudlab.io/redis-client"] !== "true") return [];
  const p = [];
  const val = (n) => env.get(n)?.value;
  if (!parsed) return [`the Redis URL ${url} is not a URL`];
  if (parsed.protocol !== "rediss:") p.push(`${url} is not rediss:// (TLS)`);
  if (parsed.password || parsed.searchParams.has("password")) p.push(`${url} carries a password: it belongs in a Secret (QUARKUS_REDIS_PASSWORD)`);
  else if (parsed.username) p.push(`${url}: a user without a password in the URL's user info is ignored by the Redis client; use ?user=`);
  if (!user || user === "default") p.push(`${url} names no ACL user of its own (parameter user)`);
  if (!secret) p.push("QUARKUS_REDIS_PASSWORD is not from a Secret");
  if (String(val("QUARKUS_REDIS_TLS_TRUST_ALL")) === "true") p.push("QUARKUS_REDIS_TLS_TRUST_ALL trusts any certificate");
  if (String(val("QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM")).toUpperCase() !== "HTTPS") {
    p.push(`QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM is ${val("QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM") ?? "unset (NONE)"}, not HTTPS`);
  }
  if (val("QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM") !== "true") p.push("QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM is not true: the CA below would be ignored");
  p.push(...caProblems(podSpecOf(dep), c, val("QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_CERTS"), "Redis's CA"));
  const acl = find(all, "ConfigMap", "redis-acl")?.data?.["users.acl"];
  if (!acl) p.push("no redis-acl ConfigMap with users.acl");
  else if (user && !acl.split("\n").some((l) => l.trim().split(/\s+/)[0] === "user" && l.trim().split(/\s+/)[1] === user)) p.push(`Redis user ${user} has no line in the redis-acl ConfigMap`);
  return p;
}

function redisSharingProblems(all, configs) {
  const p = [];
  const byUser = new Map(), bySecret = new Map();
  for (const cfg of configs) {
    const { dep, user, secret } = redisIdentity(all, cfg.app);
    if (!dep || podLabelsOf(dep)["cloudlab.io/redis-client"] !== "true") continue;
    if (user) byUser.set(user, [...(byUser.get(user) ?? []), cfg.app]);
    if (secret) bySecret.set(`${secret.name}/${secret.key}`, [...(bySecret.get(`${secret.name}/${secret.key}`) ?? []), cfg.app]);
  }
  for (const [u, apps] of byUser) if (apps.length > 1) p.push(`Redis user ${u} is shared by ${apps.join(", ")}`);
  for (const [s, apps] of bySecret) if (apps.length > 1) p.push(`Redis password ${s} is shared by ${apps.join(", ")}`);
  return p;
}

// Kafka: TLS on every listener, every client authenticated, ACLs enforced.
function kafkaClusterProblems(all) {
  const kafka = all.find((o) => o.kind === "Kafka");
  if (!kafka) return ["no Kafka"];
  const p = [];
  const listeners = kafka.spec?.kafka?.listeners ?? [];
  if (!listeners.length) p.push("no listener");
  for (const l of listeners) {
    if (l.tls !== true) p.push(`listener ${l.name} (port ${l.port}) is plaintext`);
    if (!["scram-sha-512", "tls"].includes(l.authentication?.type)) p.push(`listener ${l.name} lets clients in without authentication (${l.authentication?.type ?? "none"})`);
  }
  if (kafka.spec?.kafka?.authorization?.type !== "simple") p.push("spec.kafka.authorization is not simple: no ACL would be enforced");
  if (!kafka.spec?.entityOperator?.userOperator) p.push("no User Operator: KafkaUsers would never become credentials");
  // The clients' egress reaches only TLS listeners.
  const tlsPorts = listeners.filter((l) => l.tls === true).map((l) => l.port);
  for (const n of all.filter((o) => o.kind === "NetworkPolicy" && o.spec?.podSelector?.matchLabels?.["cloudlab.io/kafka-client"] === "true")) {
    for (const r of n.spec.egress ?? []) {
      if (!(r.to ?? []).some((t) => t.podSelector?.matchLabels?.["strimzi.io/cluster"] === kafka.metadata.name)) continue;
      for (const port of r.ports ?? []) if (!tlsPorts.includes(port.port)) p.push(`${n.metadata.name} allows port ${port.port}, no TLS listener`);
    }
  }
  return p;
}

// The KafkaUser a service logs in as: the Secret its JAAS configuration (SCRAM) or key (mTLS) comes from.
function kafkaUserOf(all, app) {
  const dep = find(all, "Deployment", app);
  const env = dep ? environment(serviceContainer(dep, app), all) : new Map();
  return (env.get("KAFKA_SASL_JAAS_CONFIG") ?? env.get("KAFKA_SSL_KEYSTORE_KEY"))?.secret?.name ?? null;
}

function kafkaClientProblems(all, cfg) {
  const kafka = all.find((o) => o.kind === "Kafka");
  const dep = find(all, "Deployment", cfg.app);
  if (!kafka || !dep) return [`no ${kafka ? "Deployment" : "Kafka"}`];
  const c = serviceContainer(dep, cfg.app);
  const env = environment(c, all);
  const val = (n) => env.get(n)?.value;
  const p = [];
  const listeners = kafka.spec?.kafka?.listeners ?? [];
  const bootstrap = String(val("KAFKA_BOOTSTRAP_SERVERS") ?? "").split(",").filter(Boolean);
  if (!bootstrap.length) p.push("KAFKA_BOOTSTRAP_SERVERS unset");
  let listener = null;
  for (const hp of bootstrap) {
    const [host, port] = hp.trim().split(":");
    if (!host.startsWith(`${kafka.metadata.name}-kafka-bootstrap`)) p.push(`bootstrap ${hp} is not ${kafka.metadata.name}'s bootstrap Service`);
    listener = listeners.find((l) => String(l.port) === port);
    if (!listener) p.push(`bootstrap ${hp}: no listener on port ${port}`);
    else if (listener.tls !== true) p.push(`bootstrap ${hp}: listener ${listener.name} is plaintext`);
  }
  const auth = listener?.authentication?.type;
  const user = kafkaUserOf(all, cfg.app);
  if (auth === "scram-sha-512") {
    if (val("KAFKA_SECURITY_PROTOCOL") !== "SASL_SSL") p.push(`KAFKA_SECURITY_PROTOCOL is ${val("KAFKA_SECURITY_PROTOCOL") ?? "unset"}, not SASL_SSL`);
    if (val("KAFKA_SASL_MECHANISM") !== "SCRAM-SHA-512") p.push(`KAFKA_SASL_MECHANISM is ${val("KAFKA_SASL_MECHANISM") ?? "unset"}, not SCRAM-SHA-512`);
    const jaas = env.get("KAFKA_SASL_JAAS_CONFIG")?.secret;
    if (!jaas) p.push("KAFKA_SASL_JAAS_CONFIG is not from a Secret");
    else if (jaas.key !== "sasl.jaas.config") p.push(`KAFKA_SASL_JAAS_CONFIG reads key ${jaas.key} of ${jaas.name}, not sasl.jaas.config`);
  } else if (auth === "tls") {
    if (val("KAFKA_SECURITY_PROTOCOL") !== "SSL") p.push(`KAFKA_SECURITY_PROTOCOL is ${val("KAFKA_SECURITY_PROTOCOL") ?? "unset"}, not SSL`);
    if (val("KAFKA_SSL_KEYSTORE_TYPE") !== "PEM") p.push("KAFKA_SSL_KEYSTORE_TYPE is not PEM");
    const key = env.get("KAFKA_SSL_KEYSTORE_KEY")?.secret, chain = env.get("KAFKA_SSL_KEYSTORE_CERTIFICATE_CHAIN")?.secret;
    if (key?.key !== "user.key" || chain?.key !== "user.crt" || key?.name !== chain?.name) p.push("KAFKA_SSL_KEYSTORE_KEY and _CERTIFICATE_CHAIN must be user.key and user.crt of the KafkaUser's Secret");
  } else if (listener) p.push(`listener ${listener.name} authenticates no client`);
  const ku = user && find(all, "KafkaUser", user);
  if (!user) p.push("no credentials from a KafkaUser's Secret");
  else if (!ku) p.push(`its credentials come from ${user}, which is no KafkaUser in the render`);
  else {
    if (ku.metadata.labels?.["strimzi.io/cluster"] !== kafka.metadata.name) p.push(`KafkaUser ${user} belongs to cluster ${ku.metadata.labels?.["strimzi.io/cluster"]}`);
    if (auth && ku.spec?.authentication?.type !== auth) p.push(`KafkaUser ${user} authenticates by ${ku.spec?.authentication?.type}, the listener by ${auth}`);
    if (ku.spec?.authorization?.type !== "simple") p.push(`KafkaUser ${user} has no simple authorization (ACLs)`);
  }
  if (val("KAFKA_SSL_TRUSTSTORE_TYPE") !== "PEM") p.push(`KAFKA_SSL_TRUSTSTORE_TYPE is ${val("KAFKA_SSL_TRUSTSTORE_TYPE") ?? "unset"}, not PEM`);
  const ca = val("KAFKA_SSL_TRUSTSTORE_LOCATION");
  const f = mountedFile(podSpecOf(dep), c, ca);
  if (!f || f.kind !== "Secret" || f.name !== `${kafka.metadata.name}-cluster-ca-cert` || f.key !== "ca.crt") {
    p.push(`KAFKA_SSL_TRUSTSTORE_LOCATION ${ca ?? "unset"} is not ca.crt of the Secret ${kafka.metadata.name}-cluster-ca-cert`);
  }
  if (env.has("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM") && !val("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM")) p.push("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM is empty: the broker's name would not be checked");
  return p;
}

function kafkaSharingProblems(all, configs) {
  const byUser = new Map();
  for (const cfg of configs) {
    const u = kafkaUserOf(all, cfg.app);
    if (u) byUser.set(u, [...(byUser.get(u) ?? []), cfg.app]);
  }
  return [...byUser].filter(([, apps]) => apps.length > 1).map(([u, apps]) => `KafkaUser ${u} is shared by ${apps.join(", ")}`);
}

// Whether a KafkaUser's ACLs allow `operation` on the named resource (All counts; deny rules are not used).
function aclAllows(user, operation, type, name) {
  return (user.spec?.authorization?.acls ?? []).some((r) => {
    if ((r.type ?? "allow") !== "allow" || r.resource?.type !== type) return false;
    const rn = r.resource.name;
    const hit = (r.resource.patternType ?? "literal") === "prefix" ? name.startsWith(rn) : rn === name || rn === "*";
    const ops = [...(r.operations ?? []), ...(r.operation ? [r.operation] : [])];
    return hit && ops.some((o) => o === operation || o === "All");
  });
}

const topicName = (t) => t.spec?.topicName ?? t.metadata.name;

// Writers per topic, computed from the services' outbox relays: exactly the publishers' KafkaUsers may
// write a topic, and an events or commands topic has one publisher, its owner.
function kafkaWriteProblems(all, configs) {
  const p = [];
  const users = all.filter((o) => o.kind === "KafkaUser");
  for (const t of all.filter((o) => o.kind === "KafkaTopic").map(topicName)) {
    const publishers = configs.filter((c) => c.produced.has(t)).map((c) => c.app);
    if (/\.(events|commands)$/.test(t) && publishers.length !== 1) p.push(`${t}: ${publishers.length} services publish it (${publishers.join(", ")}); an events or commands topic has one owner`);
    const expected = new Map(publishers.map((a) => [kafkaUserOf(all, a), a]));
    const writers = users.filter((u) => aclAllows(u, "Write", "topic", t)).map((u) => u.metadata.name);
    for (const [u, a] of expected) if (!u || !writers.includes(u)) p.push(`${t}: ${a} publishes it, but its KafkaUser ${u ?? "(none)"} may not write it`);
    for (const u of writers) if (!expected.has(u)) p.push(`${t}: KafkaUser ${u} may write it, but no service that logs in as ${u} publishes there`);
  }
  return p;
}

// Reads per service: Read on each topic it consumes and on that channel's group.id, and on no other topic.
function kafkaReadProblems(all, configs) {
  const p = [];
  const topics = all.filter((o) => o.kind === "KafkaTopic").map(topicName);
  for (const cfg of configs) {
    const name = kafkaUserOf(all, cfg.app);
    const u = name && find(all, "KafkaUser", name);
    if (!u) { p.push(`${cfg.app}: no KafkaUser`); continue; }
    for (const { topic, group } of cfg.reads) {
      if (!aclAllows(u, "Read", "topic", topic)) p.push(`${cfg.app} consumes ${topic}, which KafkaUser ${name} may not read`);
      if (!group) p.push(`${cfg.app}: the channel on ${topic} has no group.id`);
      else if (!aclAllows(u, "Read", "group", group)) p.push(`${cfg.app} consumes in group ${group}, which KafkaUser ${name} may not use`);
    }
    for (const t of topics) {
      if (aclAllows(u, "Read", "topic", t) && !cfg.reads.some((r) => r.topic === t)) p.push(`KafkaUser ${name} may read ${t}, which ${cfg.app} does not consume`);
    }
  }
  return p;
}

// ClickHouse: user and password from a Secret (the default user has no password), HTTPS to an external one.
function clickHouseProblems(all, cfg) {
  const dep = find(all, "Deployment", cfg.app);
  if (!dep) return ["no Deployment"];
  const env = environment(serviceContainer(dep, cfg.app), all);
  const p = [];
  for (const n of ["CLOUDLAB_CLICKHOUSE_USER", "CLOUDLAB_CLICKHOUSE_PASSWORD"]) if (!env.get(n)?.secret) p.push(`${n} is not from a Secret`);
  const url = env.get("CLOUDLAB_CLICKHOUSE_URL")?.value ?? env.get("CLICKHOUSE_URL")?.value;
  let u = null;
  try { u = new URL(url); } catch { return [...p, `the ClickHouse URL ${url} is not a URL`]; }
  if (u.username || u.password) p.push(`${url} carries credentials`);
  const svc = find(all, "Service", u.hostname);
  const external = svc && !svc.spec?.selector;
  if (external && u.protocol !== "https:") p.push(`${url}: ClickHouse is outside the cluster, the URL must be https`);
  const port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
  if (svc && !(svc.spec?.ports ?? []).some((x) => x.port === port)) p.push(`${url}: the ${u.hostname} Service has no port ${port}`);
  return p;
}

function prodSecurityChecks(all, configs) {
  for (const cfg of configs) check(`prod: ${cfg.app} connects to PostgreSQL with verify-full and a mounted CA (service and migration Job)`, postgresProblems(all, cfg));
  check("prod: the other PostgreSQL clients verify the server too (PgBouncer, postgres_exporter, ops jobs)", otherPostgresProblems(all, configs));
  for (const cfg of configs) check(`prod: ${cfg.app} uses Redis over rediss:// with a CA, as its own ACL user, password from a Secret`, redisProblems(all, cfg));
  check("prod: no two services share a Redis user or password", redisSharingProblems(all, configs));
  check("prod: Kafka has no plaintext listener, authenticates every client and enforces ACLs", kafkaClusterProblems(all));
  for (const cfg of configs) check(`prod: ${cfg.app} connects to Kafka over TLS as its own KafkaUser (SASL_SSL or mTLS)`, kafkaClientProblems(all, cfg));
  check("prod: no two services share a KafkaUser", kafkaSharingProblems(all, configs));
  check("prod: KafkaUser ACLs: every topic is written exactly by the services that publish to it", kafkaWriteProblems(all, configs));
  check("prod: KafkaUser ACLs: every service reads exactly the topics and groups it consumes", kafkaReadProblems(all, configs));
  for (const cfg of configs.filter((c) => c.usesClickHouse)) check(`prod: ${cfg.app} logs in to ClickHouse with a user and password from a Secret, over https`, clickHouseProblems(all, cfg));
}

// ---------------------------------------------------------------------------------------------------
// Negative self-checks: the validator must refuse these, or it proves nothing.

async function selfChecks(devObjects, configs) {
  const dep = structuredClone(devObjects.find((o) => o.kind === "Deployment" && o.metadata.name === "order-service"));
  const cfg = configs.find((c) => c.app === "order-service");

  const typo = structuredClone(dep);
  typo.spec.template.spec.containers[0].imagePullPolicyy = "Always";
  check("self-check: an unknown field is refused", (await schemaProblems(typo, devObjects)).some((p) => p.includes("imagePullPolicyy")) ? null : "accepted");

  const nested = structuredClone(dep);
  nested.spec.template.spec.containers[0].readinessProbe.httpGet.paht = "/q/health/ready";
  check("self-check: an unknown field deep in a probe is refused", (await schemaProblems(nested, devObjects)).some((p) => p.includes("paht")) ? null : "accepted");

  const noSelector = structuredClone(dep);
  delete noSelector.spec.selector;
  check("self-check: a missing required field is refused", (await schemaProblems(noSelector, devObjects)).some((p) => p.includes("selector")) ? null : "accepted");

  const badKind = { apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } };
  check("self-check: an unknown kind is refused", (await schemaProblems(badKind, devObjects)).length ? null : "accepted");

  const wrongEnv = structuredClone(dep);
  wrongEnv.spec.template.spec.containers[0].env.push({ name: "PG_HOSTNAME", value: "postgres" });
  check("self-check: an env var the service does not read is refused", serviceDeploymentProblems(wrongEnv, cfg, devObjects).some((p) => p.includes("PG_HOSTNAME")) ? null : "accepted");

  const wrongProbe = structuredClone(dep);
  wrongProbe.spec.template.spec.containers[0].readinessProbe.httpGet.path = "/health";
  check("self-check: a wrong probe path is refused", serviceDeploymentProblems(wrongProbe, cfg, devObjects).some((p) => p.includes("readinessProbe path")) ? null : "accepted");

  const wrongPort = structuredClone(dep);
  wrongPort.spec.template.spec.containers[0].ports[0].containerPort = 8080;
  check("self-check: a port other than quarkus.http.port is refused", serviceDeploymentProblems(wrongPort, cfg, devObjects).some((p) => p.includes("containerPort")) ? null : "accepted");

  const owner = structuredClone(dep);
  owner.spec.template.spec.containers[0].env.push({ name: "DB_MIGRATOR_PASSWORD", value: "x" });
  check("self-check: owner credentials in a service pod are refused", serviceDeploymentProblems(owner, cfg, devObjects).some((p) => p.includes("owner credentials")) ? null : "accepted");

  const topic = structuredClone(devObjects.find((o) => o.kind === "KafkaTopic"));
  topic.spec.partition = 6;
  check("self-check: an unknown field in a KafkaTopic is refused", (await schemaProblems(topic, devObjects)).some((p) => p.includes("partition")) ? null : "accepted");

  const monitor = structuredClone(devObjects.find((o) => o.kind === "ServiceMonitor"));
  monitor.spec.endpoints[0].paths = "/q/metrics";
  check("self-check: an unknown field in a ServiceMonitor is refused", (await schemaProblems(monitor, devObjects)).some((p) => p.includes("paths")) ? null : "accepted");

  const root = structuredClone(dep);
  root.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
  check("self-check: a writable root filesystem is refused", podSecurityProblems(root).length ? null : "accepted");
}


// The same for prod's TLS and credentials: each check must fail when one thing it looks for goes.
function prodSelfChecks(prodObjects, configs) {
  const cfg = (app) => configs.find((c) => c.app === app);
  const broken = (change) => {
    const all = structuredClone(prodObjects);
    change(all);
    return all;
  };
  const container = (all, app) => serviceContainer(find(all, "Deployment", app), app);
  const setEnv = (all, app, name, entry) => {
    const c = container(all, app);
    c.env = c.env.filter((e) => e.name !== name);
    if (entry) c.env.push({ name, ...entry });
  };
  const refused = (problems, text) => (problems.some((p) => p.includes(text)) ? null : `accepted (${problems.join("; ") || "no problem found"})`);

  check("self-check: prod PostgreSQL without ssl-mode verify-full is refused", refused(postgresProblems(broken((all) => {
    delete find(all, "ConfigMap", "cloudlab-platform").data.QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE;
  }), cfg("order-service")), "SSL_MODE"));
  check("self-check: a prod JDBC URL without sslrootcert is refused", refused(postgresProblems(broken((all) => {
    const data = find(all, "ConfigMap", "cloudlab-platform").data;
    data.QUARKUS_DATASOURCE_JDBC_URL = data.QUARKUS_DATASOURCE_JDBC_URL.replace(/&sslrootcert=[^&]*/, "");
  }), cfg("order-service")), "sslrootcert"));
  check("self-check: a migration Job without the PostgreSQL CA mounted is refused", refused(postgresProblems(broken((all) => {
    const job = all.find((o) => o.kind === "Job" && o.metadata.labels?.["cloudlab.io/migrates"] === "payment-service");
    const c = podSpecOf(job).containers[0];
    c.volumeMounts = c.volumeMounts.filter((m) => !m.mountPath.includes("postgres"));
  }), cfg("payment-service")), "is not mounted"));
  check("self-check: a prod exporter without verify-full is refused", refused(otherPostgresProblems(broken((all) => {
    const c = podSpecOf(find(all, "Deployment", "postgres-exporter")).containers[0];
    c.env.find((e) => e.name === "DATA_SOURCE_URI").value = "postgres:5432/cloudlab?sslmode=require";
  }), configs), "postgres-exporter"));
  check("self-check: a plain redis:// URL is refused", refused(redisProblems(broken((all) => {
    find(all, "ConfigMap", "inventory-service-config").data.REDIS_URL = "redis://redis:6379?user=inventory-service";
  }), cfg("inventory-service")), "rediss://"));
  check("self-check: a Redis password outside a Secret is refused", refused(redisProblems(broken((all) => {
    setEnv(all, "saga-orchestrator", "QUARKUS_REDIS_PASSWORD", { value: "secret" });
  }), cfg("saga-orchestrator")), "QUARKUS_REDIS_PASSWORD"));
  check("self-check: Redis without hostname verification is refused", refused(redisProblems(broken((all) => {
    setEnv(all, "order-service", "QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM", null);
  }), cfg("order-service")), "HOSTNAME_VERIFICATION"));
  check("self-check: two services with one Redis user are refused", refused(redisSharingProblems(broken((all) => {
    find(all, "ConfigMap", "payment-service-config").data.REDIS_URL = "rediss://redis:6379?user=order-service";
  }), configs), "shared"));
  check("self-check: a plaintext Kafka listener in prod is refused", refused(kafkaClusterProblems(broken((all) => {
    all.find((o) => o.kind === "Kafka").spec.kafka.listeners.push({ name: "plain", port: 9092, type: "internal", tls: false });
  })), "plaintext"));
  check("self-check: a service without KAFKA_SECURITY_PROTOCOL is refused", refused(kafkaClientProblems(broken((all) => {
    setEnv(all, "payment-service", "KAFKA_SECURITY_PROTOCOL", null);
  }), cfg("payment-service")), "SASL_SSL"));
  check("self-check: a second writer on an events topic is refused", refused(kafkaWriteProblems(broken((all) => {
    find(all, "KafkaUser", "inventory-service").spec.authorization.acls.push({
      resource: { type: "topic", name: "cloudlab.order.events", patternType: "literal" }, operations: ["Write"] });
  }), configs), "inventory-service may write it"));
  check("self-check: a prefix ACL that writes other services' topics is refused", refused(kafkaWriteProblems(broken((all) => {
    find(all, "KafkaUser", "saga-orchestrator").spec.authorization.acls.push({
      resource: { type: "topic", name: "cloudlab.", patternType: "prefix" }, operations: ["All"] });
  }), configs), "cloudlab.payment.events: KafkaUser saga-orchestrator"));
  check("self-check: a read beyond the service's channels is refused", refused(kafkaReadProblems(broken((all) => {
    find(all, "KafkaUser", "order-service").spec.authorization.acls.push({
      resource: { type: "topic", name: "cloudlab.payment.events", patternType: "literal" }, operations: ["Read"] });
  }), configs), "does not consume"));
  check("self-check: a missing consumer group ACL is refused", refused(kafkaReadProblems(broken((all) => {
    const u = find(all, "KafkaUser", "saga-orchestrator");
    u.spec.authorization.acls = u.spec.authorization.acls.filter((r) => r.resource.type !== "group");
  }), configs), "group"));
  check("self-check: a ClickHouse password outside a Secret is refused", refused(clickHouseProblems(broken((all) => {
    setEnv(all, "order-service", "CLOUDLAB_CLICKHOUSE_PASSWORD", { value: "secret" });
  }), cfg("order-service")), "CLOUDLAB_CLICKHOUSE_PASSWORD"));
  const consoleBroken = (change) => {
    const all = broken(change);
    return { all, dep: find(all, "Deployment", "operator-console") };
  };
  {
    const { all, dep } = consoleBroken((all) => { find(all, "ConfigMap", "operator-console-config").data.QUARKUS_OIDC_AUTH_SERVER_URL = "https://idp.elsewhere.example"; });
    check("self-check: a console signing operators in at another issuer than the services trust is refused", refused(consoleSignInProblems(dep, all), "JWT_ISSUER"));
  }
  {
    const { all, dep } = consoleBroken((all) => { podSpecOf(find(all, "Deployment", "operator-console")).containers[0].env.push({ name: "QUARKUS_OIDC_CREDENTIALS_SECRET_X", value: "x" }); });
    check("self-check: a console variable nothing reads is refused", refused(consoleProblems(dep, consoleConfig(), all, configs), "read by nothing"));
  }
  {
    const { all, dep } = consoleBroken((all) => { find(all, "ConfigMap", "operator-console-config").data.SAGA_ORCHESTRATOR_URL = "http://saga-orchestrator:8080"; });
    check("self-check: a console calling a service on the wrong port is refused", refused(consoleProblems(dep, consoleConfig(), all, configs), "SAGA_ORCHESTRATOR_URL"));
  }
  check("self-check: plain http to the external ClickHouse is refused", refused(clickHouseProblems(broken((all) => {
    find(all, "ConfigMap", "order-service-config").data.CLICKHOUSE_URL = "http://clickhouse:8443";
  }), cfg("order-service")), "https"));
}

// ---------------------------------------------------------------------------------------------------
// The operator console: its Deployment against its own application.properties (it shares nothing of the services'
// configuration), and how operators sign in.

// Quarkus settings no properties file of the console names, for a deployment to set (Quarkus 3.34's OidcTenantConfig
// and ProxyConfig).
const CONSOLE_EXTENSION_PROPERTIES = [
  "quarkus.oidc.auth-server-url", "quarkus.oidc.client-id", "quarkus.oidc.credentials.secret",
  "quarkus.http.proxy.proxy-address-forwarding", "quarkus.http.proxy.enable-forwarded-host",
];

function consoleConfig() {
  const vars = new Map();
  const keys = new Set(configMappingKeys("operator-console"));
  const props = new Map();
  for (const { key, value } of readProperties(join(root, "operator-console/src/main/resources/application.properties"))) {
    if (key.startsWith("%")) continue;
    keys.add(key);
    props.set(key, value);
    for (const m of value.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?\}/g)) vars.set(m[1], m[2]);
  }
  for (const k of CONSOLE_EXTENSION_PROPERTIES) keys.add(k);
  const port = /\$\{HTTP_PORT:(\d+)\}/.exec(props.get("quarkus.http.port") ?? "")?.[1];
  return { service: "operator-console", app: props.get("quarkus.application.name"), port, vars, keys, props };
}

function consoleProblems(dep, cfg, all, services) {
  const known = (name) => cfg.vars.has(name) || RUNTIME_VARS.has(name) || [...cfg.keys].some((k) => envName(k) === name);
  const { p, names, c } = quarkusPodProblems(dep, cfg, all, known);
  if (!c) return p;
  // Each service URL names that service's Service and its port.
  for (const svc of services) {
    const v = `${svc.app.replace(/-/g, "_").toUpperCase()}_URL`;
    const want = `http://${svc.app}:${svc.port}`;
    if (names.get(v)?.value !== want) p.push(`${v} is ${names.get(v)?.value}, not ${want}`);
    if (!find(all, "Service", svc.app)) p.push(`${v}: no Service ${svc.app} in the render`);
  }
  return p;
}

/** Operators sign in at the issuer the services trust, with a secret from a Secret, and the console may reach it. */
function consoleSignInProblems(dep, all) {
  const p = [];
  const c = podSpecOf(dep)?.containers?.[0];
  const { names } = resolvedEnv(c, all);
  if (names.get("CONSOLE_OIDC")?.value !== "true") return ["CONSOLE_OIDC is not \"true\": operators would paste tokens"];
  const issuer = find(all, "ConfigMap", "cloudlab-platform")?.data?.JWT_ISSUER;
  if (names.get("QUARKUS_OIDC_AUTH_SERVER_URL")?.value !== issuer) {
    p.push(`QUARKUS_OIDC_AUTH_SERVER_URL ${names.get("QUARKUS_OIDC_AUTH_SERVER_URL")?.value} is not the services' JWT_ISSUER ${issuer}`);
  }
  if (!names.get("QUARKUS_OIDC_CLIENT_ID")?.value) p.push("QUARKUS_OIDC_CLIENT_ID is not set");
  if (!names.get("QUARKUS_OIDC_CREDENTIALS_SECRET")?.valueFrom?.secretKeyRef) p.push("QUARKUS_OIDC_CREDENTIALS_SECRET must come from a Secret");
  if (names.get("CONSOLE_SECURE_COOKIE")?.value !== "true") p.push("CONSOLE_SECURE_COOKIE must be \"true\" behind the HTTPS ingress");
  const labels = podLabelsOf(dep);
  const https = all.filter((o) => o.kind === "NetworkPolicy" && o.spec.policyTypes?.includes("Egress") && matches(o.spec.podSelector?.matchLabels, labels))
    .some((n) => (n.spec.egress ?? []).some((r) => (r.ports ?? []).some((x) => x.port === 443)));
  if (!https) p.push("no egress NetworkPolicy lets the console reach the identity provider on 443");
  return p;
}

function consoleChecks(overlay, all, services) {
  const cfg = consoleConfig();
  const dep = find(all, "Deployment", "operator-console");
  check(`${overlay}: operator-console Deployment matches its application.properties`, dep ? consoleProblems(dep, cfg, all, services) : "missing");
  if (overlay === "prod") check(`${overlay}: operators sign in to the console at the services' issuer`, dep ? consoleSignInProblems(dep, all) : "missing");
}

// ---------------------------------------------------------------------------------------------------

const configs = ["order-service", "inventory-service", "payment-service", "saga-orchestrator"].map(serviceConfig);
check("the services' configuration was read (app name, HTTP port, role)", configs.flatMap((c) =>
  !c.app || !c.port || !c.role ? [`${c.service}: app ${c.app}, port ${c.port}, role ${c.role}`] : []));
const sources = javaSources();
const overlays = readdirSync(join(k8s, "overlays")).filter((d) => existsSync(join(k8s, "overlays", d, "kustomization.yaml"))).sort();
let devObjects = null;
let prodObjects = null;
for (const overlay of overlays) {
  let rendered;
  try {
    rendered = execFileSync("kubectl", ["kustomize", join(k8s, "overlays", overlay)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    check(`${overlay}: kubectl kustomize renders`, null);
  } catch (e) {
    check(`${overlay}: kubectl kustomize renders`, String(e.stderr ?? e.message));
    continue;
  }
  const docs = parseAllDocuments(rendered);
  const parseErrors = docs.flatMap((d) => d.errors.map((e) => e.message));
  check(`${overlay}: the render is valid YAML`, parseErrors);
  const objects = docs.map((d) => d.toJS()).filter(Boolean);
  const seen = new Set();
  check(`${overlay}: no object is defined twice`, objects.flatMap((o) => {
    const id = `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
    if (seen.has(id)) return [id];
    seen.add(id);
    return [];
  }));
  for (const o of objects) check(`${overlay}: ${o.kind} ${o.metadata?.name} is valid against its schema`, await schemaProblems(o, objects));
  platformChecks(overlay, objects, configs, sources);
  consoleChecks(overlay, objects, configs);
  if (overlay === "dev") devObjects = objects;
  if (overlay === "prod") prodObjects = objects;
}
check("both overlays exist (dev, prod)", ["dev", "prod"].filter((o) => !overlays.includes(o)).map((o) => `${o} missing`));
if (devObjects) await selfChecks(devObjects, configs);
if (prodObjects) prodSelfChecks(prodObjects, configs);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
