using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "addresses",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    company = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    line1 = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    line2 = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    zip_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    state_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    owner_customer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_addresses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    total_orders_count = table.Column<int>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "event_callbacks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    webhook_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    delivery_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    callback_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    response_code = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    duration_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_callbacks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 319, nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    body = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "order_numbers",
                columns: table => new
                {
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_numbers", x => x.value);
                });

            migrationBuilder.CreateTable(
                name: "outbox_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_handled",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    handler = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    instance = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    handled_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_handled", x => new { x.event_id, x.handler });
                });

            migrationBuilder.CreateTable(
                name: "payment_methods",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    payment_source_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    price_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    gateway = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_methods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_sources",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    owner_customer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    source_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    payment_source_token = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shipping_methods",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    price_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    free_over_amount_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    country_codes = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shipping_methods", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skus",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    image_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    do_not_ship = table.Column<bool>(type: "INTEGER", nullable: false),
                    pieces_per_pack = table.Column<int>(type: "INTEGER", nullable: false),
                    weight_grams = table.Column<int>(type: "INTEGER", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skus", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_reservations",
                columns: table => new
                {
                    order_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sku_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_reservations", x => new { x.order_id, x.sku_id });
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    webhook_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    event_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    locked_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhooks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    callback_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    include_resources = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    shared_secret = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    circuit_state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    circuit_failure_count = table.Column<int>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhooks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    previous_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    payment_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    fulfillment_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: true),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    language_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    tax_included = table.Column<bool>(type: "INTEGER", nullable: false),
                    tax_rate_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    subtotal_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    shipping_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    payment_method_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    discount_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_tax_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_amount_with_taxes_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    skus_count = table.Column<int>(type: "INTEGER", nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    metadata = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    placed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_updated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    billing_address_id = table.Column<string>(type: "TEXT", nullable: true),
                    shipping_address_id = table.Column<string>(type: "TEXT", nullable: true),
                    shipping_method_id = table.Column<string>(type: "TEXT", nullable: true),
                    payment_method_id = table.Column<string>(type: "TEXT", nullable: true),
                    payment_source_id = table.Column<string>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.id);
                    table.ForeignKey(
                        name: "FK_orders_addresses_billing_address_id",
                        column: x => x.billing_address_id,
                        principalTable: "addresses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_orders_addresses_shipping_address_id",
                        column: x => x.shipping_address_id,
                        principalTable: "addresses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_orders_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_orders_payment_methods_payment_method_id",
                        column: x => x.payment_method_id,
                        principalTable: "payment_methods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_orders_payment_sources_payment_source_id",
                        column: x => x.payment_source_id,
                        principalTable: "payment_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_orders_shipping_methods_shipping_method_id",
                        column: x => x.shipping_method_id,
                        principalTable: "shipping_methods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "prices",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sku_id = table.Column<string>(type: "TEXT", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    compare_at_amount_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prices", x => x.id);
                    table.ForeignKey(
                        name: "FK_prices_skus_sku_id",
                        column: x => x.sku_id,
                        principalTable: "skus",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stock_items",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sku_id = table.Column<string>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_items", x => x.id);
                    table.CheckConstraint("ck_stock_items_quantity", "quantity >= 0");
                    table.ForeignKey(
                        name: "FK_stock_items_skus_sku_id",
                        column: x => x.sku_id,
                        principalTable: "skus",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "line_items",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    order_id = table.Column<string>(type: "TEXT", nullable: false),
                    sku_id = table.Column<string>(type: "TEXT", nullable: false),
                    sku_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    image_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    do_not_ship = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_line_items", x => x.id);
                    table.ForeignKey(
                        name: "FK_line_items_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_line_items_skus_sku_id",
                        column: x => x.sku_id,
                        principalTable: "skus",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payment_transactions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    order_id = table.Column<string>(type: "TEXT", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    gateway_reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    message = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    error_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_transactions", x => x.id);
                    table.ForeignKey(
                        name: "FK_payment_transactions_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shipments",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    order_id = table.Column<string>(type: "TEXT", nullable: false),
                    shipping_method_id = table.Column<string>(type: "TEXT", nullable: true),
                    shipping_address_id = table.Column<string>(type: "TEXT", nullable: true),
                    skus_count = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shipments", x => x.id);
                    table.ForeignKey(
                        name: "FK_shipments_addresses_shipping_address_id",
                        column: x => x.shipping_address_id,
                        principalTable: "addresses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_shipments_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_shipments_shipping_methods_shipping_method_id",
                        column: x => x.shipping_method_id,
                        principalTable: "shipping_methods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_addresses_created_at",
                table: "addresses",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_addresses_owner_customer_id",
                table: "addresses",
                column: "owner_customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_applications_client_id",
                table: "applications",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_created_at",
                table: "applications",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_customers_created_at",
                table: "customers",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_customers_email",
                table: "customers",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_event_callbacks_created_at",
                table: "event_callbacks",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_event_callbacks_webhook_id",
                table: "event_callbacks",
                column: "webhook_id");

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_expires_at",
                table: "idempotency_keys",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_line_items_created_at",
                table: "line_items",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_line_items_order_id",
                table: "line_items",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "IX_line_items_sku_id",
                table: "line_items",
                column: "sku_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_billing_address_id",
                table: "orders",
                column: "billing_address_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_created_at",
                table: "orders",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_orders_customer_id",
                table: "orders",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_number",
                table: "orders",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_payment_method_id",
                table: "orders",
                column: "payment_method_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_payment_source_id",
                table: "orders",
                column: "payment_source_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_shipping_address_id",
                table: "orders",
                column: "shipping_address_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_shipping_method_id",
                table: "orders",
                column: "shipping_method_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_status",
                table: "orders",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_orders_status_placed_at",
                table: "orders",
                columns: new[] { "status", "placed_at" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_events_created_at",
                table: "outbox_events",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_events_status_next_attempt_at",
                table: "outbox_events",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_payment_methods_created_at",
                table: "payment_methods",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_payment_sources_created_at",
                table: "payment_sources",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_payment_sources_owner_customer_id",
                table: "payment_sources",
                column: "owner_customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_payment_transactions_created_at",
                table: "payment_transactions",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_payment_transactions_idempotency_key",
                table: "payment_transactions",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_transactions_order_id_kind",
                table: "payment_transactions",
                columns: new[] { "order_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "IX_prices_created_at",
                table: "prices",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_prices_sku_id_currency_code",
                table: "prices",
                columns: new[] { "sku_id", "currency_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shipments_created_at",
                table: "shipments",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_shipments_order_id",
                table: "shipments",
                column: "order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_shipments_shipping_address_id",
                table: "shipments",
                column: "shipping_address_id");

            migrationBuilder.CreateIndex(
                name: "IX_shipments_shipping_method_id",
                table: "shipments",
                column: "shipping_method_id");

            migrationBuilder.CreateIndex(
                name: "IX_shipping_methods_created_at",
                table: "shipping_methods",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_skus_code",
                table: "skus",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_skus_created_at",
                table: "skus",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_stock_items_created_at",
                table: "stock_items",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_stock_items_sku_id",
                table: "stock_items",
                column: "sku_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_status_next_attempt_at",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_webhook_id_event_id",
                table: "webhook_deliveries",
                columns: new[] { "webhook_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_created_at",
                table: "webhooks",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_webhooks_topic",
                table: "webhooks",
                column: "topic");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropTable(
                name: "event_callbacks");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "line_items");

            migrationBuilder.DropTable(
                name: "order_numbers");

            migrationBuilder.DropTable(
                name: "outbox_events");

            migrationBuilder.DropTable(
                name: "outbox_handled");

            migrationBuilder.DropTable(
                name: "payment_transactions");

            migrationBuilder.DropTable(
                name: "prices");

            migrationBuilder.DropTable(
                name: "shipments");

            migrationBuilder.DropTable(
                name: "stock_items");

            migrationBuilder.DropTable(
                name: "stock_reservations");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhooks");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "skus");

            migrationBuilder.DropTable(
                name: "addresses");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "payment_methods");

            migrationBuilder.DropTable(
                name: "payment_sources");

            migrationBuilder.DropTable(
                name: "shipping_methods");
        }
    }
}
