using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Markets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_prices_sku_id_currency_code",
                table: "prices");

            migrationBuilder.AddColumn<bool>(
                name: "do_not_track",
                table: "skus",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "market_id",
                table: "shipping_methods",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "price_list_id",
                table: "prices",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "sku_code",
                table: "prices",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "market_id",
                table: "payment_methods",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "market_id",
                table: "orders",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "price_list_id",
                table: "orders",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "do_not_track",
                table: "line_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "price_lists",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    tax_included = table.Column<bool>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_price_lists", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "markets",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    checkout_url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    price_list_id = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_markets", x => x.id);
                    table.ForeignKey(
                        name: "FK_markets_price_lists_price_list_id",
                        column: x => x.price_list_id,
                        principalTable: "price_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            Data.MarketsData.MovePricesIntoPriceLists(migrationBuilder);

            migrationBuilder.CreateIndex(
                name: "IX_shipping_methods_market_id",
                table: "shipping_methods",
                column: "market_id");

            migrationBuilder.CreateIndex(
                name: "IX_prices_price_list_id_sku_id",
                table: "prices",
                columns: new[] { "price_list_id", "sku_id" });

            migrationBuilder.CreateIndex(
                name: "IX_prices_sku_id_currency_code",
                table: "prices",
                columns: new[] { "sku_id", "currency_code" });

            migrationBuilder.CreateIndex(
                name: "IX_prices_sku_id_price_list_id",
                table: "prices",
                columns: new[] { "sku_id", "price_list_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_methods_market_id",
                table: "payment_methods",
                column: "market_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_market_id",
                table: "orders",
                column: "market_id");

            migrationBuilder.CreateIndex(
                name: "IX_orders_price_list_id",
                table: "orders",
                column: "price_list_id");

            migrationBuilder.CreateIndex(
                name: "IX_markets_code",
                table: "markets",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_markets_created_at",
                table: "markets",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_markets_number",
                table: "markets",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_markets_price_list_id",
                table: "markets",
                column: "price_list_id");

            migrationBuilder.CreateIndex(
                name: "IX_price_lists_code",
                table: "price_lists",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_price_lists_created_at",
                table: "price_lists",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_price_lists_currency_code",
                table: "price_lists",
                column: "currency_code");

            migrationBuilder.AddForeignKey(
                name: "FK_orders_markets_market_id",
                table: "orders",
                column: "market_id",
                principalTable: "markets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_orders_price_lists_price_list_id",
                table: "orders",
                column: "price_list_id",
                principalTable: "price_lists",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_payment_methods_markets_market_id",
                table: "payment_methods",
                column: "market_id",
                principalTable: "markets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_prices_price_lists_price_list_id",
                table: "prices",
                column: "price_list_id",
                principalTable: "price_lists",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_shipping_methods_markets_market_id",
                table: "shipping_methods",
                column: "market_id",
                principalTable: "markets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_orders_markets_market_id",
                table: "orders");

            migrationBuilder.DropForeignKey(
                name: "FK_orders_price_lists_price_list_id",
                table: "orders");

            migrationBuilder.DropForeignKey(
                name: "FK_payment_methods_markets_market_id",
                table: "payment_methods");

            migrationBuilder.DropForeignKey(
                name: "FK_prices_price_lists_price_list_id",
                table: "prices");

            migrationBuilder.DropForeignKey(
                name: "FK_shipping_methods_markets_market_id",
                table: "shipping_methods");

            migrationBuilder.DropTable(
                name: "markets");

            migrationBuilder.DropTable(
                name: "price_lists");

            migrationBuilder.DropIndex(
                name: "IX_shipping_methods_market_id",
                table: "shipping_methods");

            migrationBuilder.DropIndex(
                name: "IX_prices_price_list_id_sku_id",
                table: "prices");

            migrationBuilder.DropIndex(
                name: "IX_prices_sku_id_currency_code",
                table: "prices");

            migrationBuilder.DropIndex(
                name: "IX_prices_sku_id_price_list_id",
                table: "prices");

            migrationBuilder.DropIndex(
                name: "IX_payment_methods_market_id",
                table: "payment_methods");

            migrationBuilder.DropIndex(
                name: "IX_orders_market_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_price_list_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "do_not_track",
                table: "skus");

            migrationBuilder.DropColumn(
                name: "market_id",
                table: "shipping_methods");

            migrationBuilder.DropColumn(
                name: "price_list_id",
                table: "prices");

            migrationBuilder.DropColumn(
                name: "sku_code",
                table: "prices");

            migrationBuilder.DropColumn(
                name: "market_id",
                table: "payment_methods");

            migrationBuilder.DropColumn(
                name: "market_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "price_list_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "do_not_track",
                table: "line_items");

            migrationBuilder.CreateIndex(
                name: "IX_prices_sku_id_currency_code",
                table: "prices",
                columns: new[] { "sku_id", "currency_code" },
                unique: true);
        }
    }
}
