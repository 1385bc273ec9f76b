// Structural checks for the custom resources that have no complete model package here. Strimzi publishes
// no npm models, so its kinds are checked against the fields of the Strimzi v1beta2 API this platform
// uses (a field outside these lists is refused: either a typo or a field to add here after reading the
// Strimzi reference). The Prometheus Operator kinds are validated by @kubernetes-models/prometheus-operator
// for types and required fields; its generated validators let unknown fields through, so the same kind
// of allow-list guards the fields used here.

// A shape: { field: shape | true (any value) }, "*" for any key, [shape] for a list; "!" prefix = required.
function walk(value, shape, path, out) {
  if (shape === true || value === null || value === undefined) return;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return out.push(`${path}: expected a list`);
    value.forEach((v, i) => walk(v, shape[0], `${path}[${i}]`, out));
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) return out.push(`${path}: expected an object`);
  const fields = new Map(Object.entries(shape).map(([k, v]) => [k.replace(/^!/, ""), { shape: v, required: k.startsWith("!") }]));
  for (const [k, { required }] of fields) if (required && k !== "*" && !(k in value)) out.push(`${path}.${k}: required`);
  for (const [k, v] of Object.entries(value)) {
    const f = fields.get(k) ?? fields.get("*");
    if (!f) out.push(`${path}.${k}: unknown field`);
    else walk(v, f.shape, `${path}.${k}`, out);
  }
}

const metadata = { "!name": true, namespace: true, labels: { "*": true }, annotations: { "*": true } };
const resources = { requests: { cpu: true, memory: true }, limits: { cpu: true, memory: true } };
const storageVolume = { id: true, "!type": true, size: true, class: true, deleteClaim: true, kraftMetadata: true };
const storage = { "!type": true, size: true, class: true, deleteClaim: true, volumes: [storageVolume] };
const peer = { podSelector: { matchLabels: { "*": true } }, namespaceSelector: { matchLabels: { "*": true } } };
const listener = { "!name": true, "!port": true, "!type": true, "!tls": true, authentication: { "!type": true }, networkPolicyPeers: [peer], configuration: true };
const aclRule = { "!resource": { "!type": true, name: true, patternType: true }, type: true, host: true, operations: [true], operation: true };

const SHAPES = {
  Kafka: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": {
      "!kafka": {
        version: true, metadataVersion: true, "!listeners": [listener], config: { "*": true }, authorization: true,
        metricsConfig: { "!type": true, "!valueFrom": { "!configMapKeyRef": { "!name": true, "!key": true } } },
        rack: { "!topologyKey": true }, template: true, resources,
      },
      entityOperator: { topicOperator: { resources, watchedNamespace: true, reconciliationIntervalMs: true }, userOperator: { resources, watchedNamespace: true, reconciliationIntervalMs: true } },
      kafkaExporter: { groupRegex: true, topicRegex: true, resources },
      cruiseControl: true,
    },
  },
  KafkaNodePool: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": { "!replicas": true, "!roles": [true], "!storage": storage, resources, template: true, jvmOptions: true },
  },
  KafkaTopic: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": { "!partitions": true, "!replicas": true, topicName: true, config: { "*": true } },
  },
  KafkaUser: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": {
      authentication: { "!type": true, password: true },
      authorization: { "!type": true, acls: [aclRule] },
      quotas: true, template: true,
    },
  },
};
const ACL_RESOURCE_TYPES = ["topic", "group", "cluster", "transactionalId"];
const ACL_OPERATIONS = ["Read", "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All"];

export function checkStrimzi(obj, all) {
  const out = [];
  walk(obj, SHAPES[obj.kind], obj.kind, out);
  const spec = obj.spec ?? {};
  if (obj.kind === "KafkaNodePool" || obj.kind === "KafkaTopic" || obj.kind === "KafkaUser") {
    const cluster = obj.metadata?.labels?.["strimzi.io/cluster"];
    if (!all.some((o) => o.kind === "Kafka" && o.metadata?.name === cluster)) out.push(`strimzi.io/cluster ${cluster}: no such Kafka in the render`);
  }
  if (obj.kind === "KafkaNodePool") {
    for (const r of spec.roles ?? []) if (!["controller", "broker"].includes(r)) out.push(`roles: ${r} is neither controller nor broker`);
    if (!(Number.isInteger(spec.replicas) && spec.replicas > 0)) out.push("replicas must be a positive integer");
  }
  if (obj.kind === "KafkaTopic") {
    for (const f of ["partitions", "replicas"]) if (!(Number.isInteger(spec[f]) && spec[f] > 0)) out.push(`${f} must be a positive integer`);
    const isr = Number(spec.config?.["min.insync.replicas"] ?? 1);
    if (isr > spec.replicas) out.push(`min.insync.replicas ${isr} > replicas ${spec.replicas}: no write could succeed`);
    const pools = all.filter((o) => o.kind === "KafkaNodePool" && (o.spec?.roles ?? []).includes("broker"));
    const brokers = pools.reduce((n, p) => n + (p.spec?.replicas ?? 0), 0);
    if (spec.replicas > brokers) out.push(`replicas ${spec.replicas} > ${brokers} brokers`);
  }
  if (obj.kind === "KafkaUser") {
    const auth = spec.authentication?.type;
    if (auth && !["tls", "tls-external", "scram-sha-512"].includes(auth)) out.push(`authentication.type ${auth} is none of tls, tls-external, scram-sha-512`);
    const authz = spec.authorization;
    if (authz && authz.type !== "simple") out.push(`authorization.type ${authz.type}: only simple carries ACLs here`);
    (authz?.acls ?? []).forEach((rule, i) => {
      const r = rule.resource ?? {};
      if (!ACL_RESOURCE_TYPES.includes(r.type)) out.push(`acls[${i}]: resource type ${r.type} is none of ${ACL_RESOURCE_TYPES.join(", ")}`);
      if (r.type !== "cluster" && !r.name) out.push(`acls[${i}]: a ${r.type} resource needs a name`);
      if (r.patternType !== undefined && !["literal", "prefix"].includes(r.patternType)) out.push(`acls[${i}]: patternType ${r.patternType} is neither literal nor prefix`);
      if (rule.type !== undefined && !["allow", "deny"].includes(rule.type)) out.push(`acls[${i}]: type ${rule.type} is neither allow nor deny`);
      const ops = [...(rule.operations ?? []), ...(rule.operation ? [rule.operation] : [])];
      if (ops.length === 0) out.push(`acls[${i}]: no operations`);
      for (const op of ops) if (!ACL_OPERATIONS.includes(op)) out.push(`acls[${i}]: unknown operation ${op}`);
    });
    const kafka = all.find((o) => o.kind === "Kafka" && o.metadata?.name === obj.metadata?.labels?.["strimzi.io/cluster"]);
    if (kafka && !kafka.spec?.entityOperator?.userOperator) out.push("the Kafka has no User Operator: nothing would reconcile this user");
  }
  if (obj.kind === "Kafka") {
    const cfg = spec.kafka?.config ?? {};
    const pools = all.filter((o) => o.kind === "KafkaNodePool" && o.metadata?.labels?.["strimzi.io/cluster"] === obj.metadata.name);
    if (!pools.some((p) => p.spec?.roles?.includes("controller"))) out.push("KRaft needs a node pool with the controller role");
    if (!pools.some((p) => p.spec?.roles?.includes("broker"))) out.push("no node pool with the broker role");
    const brokers = pools.filter((p) => p.spec?.roles?.includes("broker")).reduce((n, p) => n + (p.spec?.replicas ?? 0), 0);
    for (const k of ["default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor"]) {
      if (cfg[k] !== undefined && Number(cfg[k]) > brokers) out.push(`${k} ${cfg[k]} > ${brokers} brokers`);
    }
    const cm = spec.kafka?.metricsConfig?.valueFrom?.configMapKeyRef;
    if (cm && !all.some((o) => o.kind === "ConfigMap" && o.metadata?.name === cm.name && o.data?.[cm.key])) out.push(`metricsConfig ConfigMap ${cm.name}/${cm.key} is not in the render`);
  }
  return out;
}

const selector = { matchLabels: { "*": true }, matchExpressions: [{ "!key": true, "!operator": true, values: [true] }] };
const relabel = { sourceLabels: [true], separator: true, targetLabel: true, regex: true, modulus: true, replacement: true, action: true };
const endpoint = { port: true, targetPort: true, path: true, scheme: true, interval: true, scrapeTimeout: true, honorLabels: true, relabelings: [relabel], metricRelabelings: [relabel], params: true };
const MONITORING = {
  ServiceMonitor: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": { "!selector": selector, "!endpoints": [endpoint], namespaceSelector: true, jobLabel: true, targetLabels: [true], podTargetLabels: [true] },
  },
  PodMonitor: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": { "!selector": selector, "!podMetricsEndpoints": [endpoint], namespaceSelector: true, jobLabel: true, podTargetLabels: [true] },
  },
  PrometheusRule: {
    "!apiVersion": true, "!kind": true, "!metadata": metadata,
    "!spec": { "!groups": [{ "!name": true, interval: true, "!rules": [{ alert: true, record: true, "!expr": true, for: true, keep_firing_for: true, labels: { "*": true }, annotations: { "*": true } }] }] },
  },
};

export function checkMonitoringShape(obj) {
  const out = [];
  walk(obj, MONITORING[obj.kind], obj.kind, out);
  if (obj.kind === "PrometheusRule") {
    for (const g of obj.spec?.groups ?? []) for (const r of g.rules ?? []) {
      if (!r.alert === !r.record) out.push(`${g.name}: a rule is either an alert or a record`);
      if (r.alert && !r.labels?.severity) out.push(`${r.alert}: no severity label`);
      const open = (r.expr.match(/\(/g) ?? []).length, close = (r.expr.match(/\)/g) ?? []).length;
      if (open !== close) out.push(`${r.alert ?? r.record}: unbalanced parentheses in expr`);
    }
  }
  return out;
}
