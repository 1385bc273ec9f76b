// Offline validation of deploy/k8s: renders every overlay with `kubectl kustomize`, validates each object
// against the Kubernetes schemas (required fields and types from kubernetes-models, unknown fields from the
// generated type maps of @kubernetes/client-node), checks the custom resources (Prometheus Operator models;
// a structural check for Strimzi, which has no npm model package), and checks the manifests against the
// services' own configuration (ports, probes, env names, roles, topics, metric names).
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
const STRIMZI_KINDS = new Set(["Kafka", "KafkaNodePool", "KafkaTopic"]);

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

function serviceConfig(service) {
  const pom = readFileSync(join(root, service, "pom.xml"), "utf8");
  const files = [join(root, "service-support/src/main/resources/META-INF/microprofile-config.properties")];
  for (const lib of ["event-store", "read-models"]) {
    if (pom.includes(`<artifactId>${lib}</artifactId>`)) {
      files.push(join(root, lib, "src/main/resources/META-INF/microprofile-config.properties"));
    }
  }
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
  const app = props.get("quarkus.application.name");
  const port = /\$\{HTTP_PORT:(\d+)\}/.exec(props.get("quarkus.http.port") ?? "")?.[1];
  const role = /\$\{DB_USER:([a-z_]+)\}/.exec(props.get("quarkus.datasource.username") ?? "")?.[1];
  const topics = new Set();
  const consumed = new Set();
  for (const [key, value] of props) {
    const t = value.replace("${cloudlab.kafka.topic-prefix:}", "");
    if (/^mp\.messaging\.incoming\.[^.]+\.topic$/.test(key)) {
      topics.add(t);
      consumed.add(t);
    }
    if (key.startsWith("cloudlab.event-store.relay.topics.")) topics.add(t);
  }
  const usesClickHouse = keys.has("cloudlab.clickhouse.url");
  return { service, app, port, role, vars, keys, topics, consumed, usesClickHouse };
}

// Environment variables a deployed service must be given: no default, or a default that only works on a
// developer's machine (localhost, <role>_dev passwords, the home directory), or a key.
function mustBeSet(name, dflt) {
  if (dflt === undefined) return true;
  if (/localhost|127\.0\.0\.1|_dev\b|user\.home/.test(dflt)) return true;
  return /(PASSWORD|KEY|KEK)$/.test(name);
}
const MIGRATOR_VARS = new Set(["DB_MIGRATOR_USER", "DB_MIGRATOR_PASSWORD"]);
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

function serviceDeploymentProblems(dep, cfg, all) {
  const p = [];
  const spec = podSpecOf(dep);
  const c = spec?.containers?.find((x) => x.name === cfg.app) ?? spec?.containers?.[0];
  if (!c) return ["no container"];
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
    const known = cfg.vars.has(name) || RUNTIME_VARS.has(name) || [...cfg.keys].some((k) => envName(k) === name);
    if (!known) p.push(`env ${name} (${info.from}) is read by nothing in ${cfg.service}'s configuration`);
    if (MIGRATOR_VARS.has(name)) p.push(`env ${name}: the running service gets no owner credentials (migrations run in a Job)`);
    if (JOB_ONLY_VARS.has(name)) p.push(`env ${name} belongs to the migration Job only`);
  }
  for (const [name, dflt] of cfg.vars) {
    if (MIGRATOR_VARS.has(name)) continue;
    if (mustBeSet(name, dflt) && !names.has(name)) p.push(`env ${name} must be set: its default (${dflt ?? "none"}) only works locally`);
  }
  if (names.get("HTTP_PORT")?.value !== cfg.port) p.push(`HTTP_PORT ${names.get("HTTP_PORT")?.value} != ${cfg.port}`);
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
    const known = cfg.vars.has(name) || RUNTIME_VARS.has(name) || JOB_ONLY_VARS.has(name) || [...cfg.keys].some((k) => envName(k) === name);
    if (!known) p.push(`env ${name} is read by nothing in ${cfg.service}'s configuration`);
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
        if (key === "listen_addresses") continue;
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

// ---------------------------------------------------------------------------------------------------

const configs = ["order-service", "inventory-service", "payment-service", "saga-orchestrator"].map(serviceConfig);
check("the services' configuration was read (app name, HTTP port, role)", configs.flatMap((c) =>
  !c.app || !c.port || !c.role ? [`${c.service}: app ${c.app}, port ${c.port}, role ${c.role}`] : []));
const sources = javaSources();
const overlays = readdirSync(join(k8s, "overlays")).filter((d) => existsSync(join(k8s, "overlays", d, "kustomization.yaml"))).sort();
let devObjects = null;
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
  if (overlay === "dev") devObjects = objects;
}
check("both overlays exist (dev, prod)", ["dev", "prod"].filter((o) => !overlays.includes(o)).map((o) => `${o} missing`));
if (devObjects) await selfChecks(devObjects, configs);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
