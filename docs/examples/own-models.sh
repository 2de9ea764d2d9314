#!/usr/bin/env bash
# Serves two small ONNX classifiers of your own through TierServe, end to end with curl: create a
# cascade that states what the models read, upload one model per stage, have the platform profile
# them on labelled samples, wait for the tiers' policies, and predict through the public API.
#
# Usage, from the repository root, against a running platform (docs/own-models.md):
#   PASSWORD=<admin password> KEY=<demo API key> docs/examples/own-models.sh [BASE_URL]
# CASCADE=<name> picks another cascade name than "mine" (a name can be used once per tenant).
set -euo pipefail

BASE=${1:-http://localhost:8080}
CASCADE=${CASCADE:-mine}
DIR=docs/examples/own-models
CASCADES=$BASE/api/tenants/demo/cascades

admin() { curl -sS --fail-with-body -u "admin:$PASSWORD" "$@"; }

echo "1. Create cascade '$CASCADE' (stages small -> large; input 1x28x28, 10 labels)"
sed "s/\"name\": \"mine\"/\"name\": \"$CASCADE\"/" $DIR/cascade.json \
    | admin -H 'Content-Type: application/json' "$CASCADES" -d @-
echo

echo "2. Upload one ONNX model per stage"
for stage in small large; do
    admin -X PUT -H 'Content-Type: application/octet-stream' --data-binary @$DIR/$stage.onnx \
        "$CASCADES/$CASCADE/stages/$stage/model"
    echo
done

echo "3. Profile both models on 200 labelled test images (every stage on every sample)"
MEASURED=$(admin -H 'Content-Type: application/json' "$CASCADES/$CASCADE/profiles/measure" -d @$DIR/samples.json)
echo "$MEASURED"
JOB=$(echo "$MEASURED" | sed -n 's/.*"jobId":"\([^"]*\)".*/\1/p')

echo "4. Wait for the recomputation job $JOB that turns the profile into one policy per tier"
STATUS=QUEUED
for _ in $(seq 1 120); do
    STATUS=$(admin "$BASE/api/tenants/demo/jobs" \
        | grep -o "\"id\":\"$JOB\",\"profileId\":\"[^\"]*\",\"status\":\"[A-Z_]*\"" \
        | sed 's/.*"status":"//; s/"$//')
    [ "$STATUS" = SUCCEEDED ] || [ "$STATUS" = FAILED ] && break
    sleep 1
done
echo "job $STATUS"
[ "$STATUS" = SUCCEEDED ]
admin "$CASCADES/$CASCADE/policy-versions"
echo

echo "5. Predict through the public API under the tiers 'fast' and 'exact'"
for tier in fast exact; do
    curl -sS --fail-with-body -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
        "$BASE/v1/cascades/$CASCADE/predict" \
        -d "{\"tier\":\"$tier\",\"image\":\"$(base64 -w0 docs/examples/ankle-boot.png)\"}"
    echo
done
