# A table of checks and the platform's invariants, for the scripts that verify a run end to end
# (deploy/system/test, deploy/chaos/run). Sourced after common.sh; the caller defines sql QUERY (psql on
# its database, unaligned, tuples only).

FAILURES=0
CHECKS=0
check() { # check NAME EXPECTED ACTUAL
    CHECKS=$((CHECKS + 1))
    if [ "$2" == "$3" ]; then
        printf '  %-64s ok (%s)\n' "$1" "$3"
    else
        printf '  %-64s FAILED: expected %s, got %s\n' "$1" "$2" "$3"
        FAILURES=$((FAILURES + 1))
    fi
}

# Stock and money, over the whole database: what must hold whatever crashed while orders flowed.
check_invariants() {
    check "reserved stock equals the open reservations" "0" "$(sql "
        SELECT count(*) FROM inventory.stock_levels s
        WHERE s.reserved <> coalesce((SELECT sum(r.quantity) FROM inventory.reservations r
                                      WHERE r.product_id = s.product_id AND r.status = 'active'), 0)")"
    check "no stock below zero" "0" "$(sql "SELECT count(*) FROM inventory.stock_levels WHERE available < 0 OR reserved < 0")"
    check "every paid order has exactly one capture of its total" "0" "$(sql "
        SELECT count(*) FROM orders.order_summaries o
        WHERE o.status = 'paid' AND (SELECT count(*) FROM payments.payments p
                                     WHERE p.order_id = o.order_id AND p.status = 'captured'
                                       AND p.captured_amount = o.total_amount) <> 1")"
    # An order whose saga an operator took past a step by hand (refunded at the provider, say) is the
    # operator's word against the payment's record: the money checks leave those out.
    local by_hand="SELECT i.order_id FROM saga.saga_instances i JOIN saga.saga_steps s USING (saga_id)
                   WHERE s.last_reply = 'skipped by an operator'"
    check "no cancelled order keeps money: what was captured was refunded" "0" "$(sql "
        SELECT count(*) FROM orders.order_summaries o JOIN payments.payments p ON p.order_id = o.order_id
        WHERE o.status = 'cancelled' AND p.captured_amount - p.refunded_amount > 0 AND o.order_id NOT IN ($by_hand)")"
    check "no cancelled order keeps stock: its hold released, what it bought returned" "0" "$(sql "
        SELECT count(*) FROM orders.order_summaries o JOIN inventory.reservations r ON r.order_id = o.order_id
        WHERE o.status = 'cancelled' AND r.status IN ('active', 'committed')")"
    # Money: for every order, captured minus refunded at the payment equals what the order says it kept (its
    # total less the refunds it recorded; nothing for a cancelled one).
    check "money captured minus refunded equals each order's paid total less its refunds" "0" "$(sql "
        SELECT count(*) FROM orders.order_summaries o LEFT JOIN payments.payments p ON p.order_id = o.order_id
        WHERE coalesce(p.captured_amount - p.refunded_amount, 0) <> CASE
            WHEN o.status IN ('paid', 'processing', 'shipped', 'delivered', 'refunded')
            THEN o.total_amount - coalesce((SELECT sum((e.event_data->>'amount')::numeric) FROM event_store.events e
                                            WHERE e.aggregate_id = o.order_id AND e.event_type = 'OrderRefunded'), 0)
            ELSE 0 END AND o.order_id NOT IN ($by_hand)")"
}

# --- projections: caught up, and equal to a replay of the events ---------------------------------------
# Need storefront.sh's api and PORT. A projection spans every tenant, so its API answers platform operators
# only: check_projections issues itself an operator token ($OPERATOR) for the calls below.
PLATFORM_TENANT=00000000-0000-0000-0000-000000000000
PROJECTIONS=(order-service:order-views order-service:order-analytics
             inventory-service:product-availability inventory-service:product-cards)
lag_of() { # lag_of SERVICE PROJECTION -> events behind ("?" while it does not answer)
    api GET "$1" "/admin/projections/$2" "$OPERATOR"
    [ "$STATUS" == 200 ] && jq -r .lag_events <<<"$BODY" || echo "?"
}
caught_up() { [ "$(lag_of "$1" "$2")" == 0 ]; }
audit_differences() { # audit_differences SERVICE PROJECTION -> "<differences> of <documents compared>"
    api POST "$1" "/admin/projections/$2/audit?percent=100" "$OPERATOR"
    [ "$STATUS" == 200 ] && jq -r '"\(.differences | length) of \(.documents_compared)"' <<<"$BODY" || echo "audit answered $STATUS"
}
check_projections() { # check_projections SECONDS: each projection gets that long to catch up
    OPERATOR=${OPERATOR:-$("$LOCAL_DIR/token" --tenant "$PLATFORM_TENANT" --roles operator)}
    local projection svc name differences
    for projection in "${PROJECTIONS[@]}"; do
        svc=${projection%%:*} name=${projection#*:}
        wait_until "$1" "$name to catch up" caught_up "$svc" "$name" >/dev/null || true
        check "$name: events not applied" "0" "$(lag_of "$svc" "$name")"
        # An audit folds every aggregate's events again and compares with what the sink holds: a lost update in
        # Redis, or a fact ClickHouse lacks or holds wrong, is a difference. Nothing here may differ.
        differences=$(audit_differences "$svc" "$name")
        check "$name: documents differing from a replay" "0" "${differences%% of *}"
        check "$name: the audit compared documents" "yes" "$([ "${differences##* of }" -gt 0 ] 2>/dev/null && echo yes || echo "no ($differences)")"
    done
}
