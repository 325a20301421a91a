using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Orders : Migration
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
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_addresses", x => x.id);
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
                name: "payment_sources",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
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

            migrationBuilder.CreateIndex(
                name: "IX_addresses_created_at",
                table: "addresses",
                column: "created_at");

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
                name: "IX_payment_sources_created_at",
                table: "payment_sources",
                column: "created_at");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "line_items");

            migrationBuilder.DropTable(
                name: "order_numbers");

            migrationBuilder.DropTable(
                name: "payment_transactions");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "addresses");

            migrationBuilder.DropTable(
                name: "payment_sources");
        }
    }
}
