-- Erasure of a customer (GDPR): their payment methods are soft-deleted and their card details cleared at once
-- (token, holder name, brand, last four, expiry); the row itself goes with the other deleted methods after the
-- soft-delete period (V5). An erased row keeps its id and type, so a paid order still names what paid it.
ALTER TABLE payments.payment_methods ADD COLUMN erased_at TIMESTAMPTZ;
COMMENT ON COLUMN payments.payment_methods.erased_at IS
    'When the customer''s data was erased: the card details are gone, the row is deleted (deleted_at) and purged later';

ALTER TABLE payments.payment_methods DROP CONSTRAINT chk_payment_methods_card_fields;
ALTER TABLE payments.payment_methods ADD CONSTRAINT chk_payment_methods_card_fields CHECK (
    (erased_at IS NULL
        AND (type IN ('credit_card', 'debit_card')) = (gateway_token_encrypted IS NOT NULL)
        AND (gateway_token_encrypted IS NULL) = (card_last_four IS NULL)
        AND (gateway_token_encrypted IS NULL) = (card_brand IS NULL)
        AND (gateway_token_encrypted IS NULL) = (expiry_month IS NULL)
        AND (gateway_token_encrypted IS NULL) = (expiry_year IS NULL))
    OR (erased_at IS NOT NULL AND deleted_at IS NOT NULL
        AND gateway_token_encrypted IS NULL AND card_last_four IS NULL AND card_brand IS NULL
        AND expiry_month IS NULL AND expiry_year IS NULL AND holder_name_encrypted IS NULL));
