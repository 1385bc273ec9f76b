# Storefront calls for scripts (the system test, the demo): REST with the platform's tokens and a fresh
# Idempotency-Key per request. Expects PORT (service -> port), ADMIN and SHOPPER tokens, and common.sh.

STATUS= BODY=
api() { # api METHOD SERVICE PATH TOKEN [BODY] -> sets $STATUS and $BODY (not in a subshell: call it plainly)
    local out
    out=$(curl -s -m 20 -w '\n%{http_code}' -X "$1" "http://127.0.0.1:${PORT[$2]}$3" \
        -H "Authorization: Bearer $4" -H 'Content-Type: application/json' \
        -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" ${5:+-d "$5"})
    STATUS=${out##*$'\n'}
    BODY=${out%$'\n'*}
}

product() { # product NAME PRICE STOCK -> product id
    local body
    api POST inventory-service /products "$ADMIN" \
        "{\"name\":\"$1\",\"description\":\"$1 (storefront script)\",\"price\":\"$2\",\"currency\":\"EUR\",\"initial_stock\":$3}"
    body=$BODY
    [ "$STATUS" == 201 ] || die "creating product $1 answered $STATUS: $body"
    jq -r .product_id <<<"$body"
}

card() { # card NUMBER -> payment method id
    local body
    api POST payment-service /payment-methods "$SHOPPER" \
        "{\"type\":\"credit_card\",\"card\":{\"number\":\"$1\",\"expiry_month\":12,\"expiry_year\":2030,\"cvc\":\"123\",\"holder_name\":\"Ada Lovelace\"}}"
    body=$BODY
    [ "$STATUS" == 201 ] || die "registering card ${1: -4} answered $STATUS: $body"
    jq -r .payment_method_id <<<"$body"
}

place() { # place PRODUCT QUANTITY PAYMENT_METHOD_ID -> order id (waits for the catalogue copy to know the product)
    local body i
    for i in $(seq 1 40); do
        api POST order-service /orders "$SHOPPER" "{\"items\":[{\"product_id\":\"$1\",\"quantity\":$2}],
            \"shipping_address\":{\"recipient\":\"Ada Lovelace\",\"line1\":\"12 St James's Square\",\"city\":\"London\",
            \"postal_code\":\"SW1Y 4JH\",\"country\":\"GB\"},\"payment_method\":\"credit_card\",
            \"payment_method_id\":\"$3\",\"currency\":\"EUR\"}"
        body=$BODY
        [ "$STATUS" == 201 ] && { jq -r .order_id <<<"$body"; return 0; }
        [ "$STATUS" == 422 ] || die "placing an order answered $STATUS: $body"
        sleep 0.5
    done
    die "the order service never learnt of product $1: $body"
}

