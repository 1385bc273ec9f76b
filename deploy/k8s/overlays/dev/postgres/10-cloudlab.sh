#!/bin/bash
# First start of the dev PostgreSQL (docker-entrypoint-initdb.d): what deploy/local/up does on a machine.
# roles.sql and database.sql are copies of deploy/local/postgres/ (deploy/k8s/test fails when they drift);
# the passwords are the local defaults, <role>_dev, which deploy/local also uses.
set -euo pipefail
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f /cloudlab/roles.sql
for role in cloudlab_owner order_service inventory_service payment_service saga_orchestrator; do
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -v role="$role" -v pw="${role}_dev" <<<"ALTER ROLE :\"role\" PASSWORD :'pw';"
done
psql -X -q -v ON_ERROR_STOP=1 -d postgres -v db=cloudlab -f /cloudlab/database.sql
