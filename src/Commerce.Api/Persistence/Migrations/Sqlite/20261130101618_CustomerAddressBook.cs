using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerAddressBook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "saves_billing_address_to_customer_address_book",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "saves_payment_source_to_customer_wallet",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "saves_shipping_address_to_customer_address_book",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "customer_addresses",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    address_id = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_addresses", x => x.id);
                    table.ForeignKey(
                        name: "FK_customer_addresses_addresses_address_id",
                        column: x => x.address_id,
                        principalTable: "addresses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_customer_addresses_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_payment_sources",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", nullable: false),
                    payment_source_id = table.Column<string>(type: "TEXT", nullable: false),
                    payment_method_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_payment_sources", x => x.id);
                    table.ForeignKey(
                        name: "FK_customer_payment_sources_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_customer_payment_sources_payment_methods_payment_method_id",
                        column: x => x.payment_method_id,
                        principalTable: "payment_methods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_customer_payment_sources_payment_sources_payment_source_id",
                        column: x => x.payment_source_id,
                        principalTable: "payment_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_addresses_address_id",
                table: "customer_addresses",
                column: "address_id");

            migrationBuilder.CreateIndex(
                name: "IX_customer_addresses_created_at",
                table: "customer_addresses",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_customer_addresses_customer_id_address_id",
                table: "customer_addresses",
                columns: new[] { "customer_id", "address_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_customer_payment_sources_created_at",
                table: "customer_payment_sources",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_customer_payment_sources_customer_id_payment_source_id",
                table: "customer_payment_sources",
                columns: new[] { "customer_id", "payment_source_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_customer_payment_sources_payment_method_id",
                table: "customer_payment_sources",
                column: "payment_method_id");

            migrationBuilder.CreateIndex(
                name: "IX_customer_payment_sources_payment_source_id",
                table: "customer_payment_sources",
                column: "payment_source_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_addresses");

            migrationBuilder.DropTable(
                name: "customer_payment_sources");

            migrationBuilder.DropColumn(
                name: "saves_billing_address_to_customer_address_book",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "saves_payment_source_to_customer_wallet",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "saves_shipping_address_to_customer_address_book",
                table: "orders");
        }
    }
}
