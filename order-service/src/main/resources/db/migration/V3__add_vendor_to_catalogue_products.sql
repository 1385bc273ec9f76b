-- The vendor of each product in the catalogue copy, from the vendor_id of inventory-service's ProductCreated
-- event: revenue per vendor (analytics in ClickHouse) reads it. Null for products copied before this column
-- existed (their vendor is reported as unknown) and for a ProductCreated whose vendor_id is not a UUID.

ALTER TABLE orders.catalogue_products ADD COLUMN vendor_id UUID;
CREATE INDEX idx_catalogue_products_vendor_id ON orders.catalogue_products (vendor_id);

COMMENT ON COLUMN orders.catalogue_products.vendor_id IS
    'Vendor selling the product (ProductCreated.vendor_id); null when unknown';
