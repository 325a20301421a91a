using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "coupon_code",
                table: "orders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "sku_id",
                table: "line_items",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "coupon_code",
                table: "line_items",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "discount_breakdown",
                table: "line_items",
                type: "TEXT",
                maxLength: 2048,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "discount_cents",
                table: "line_items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "item_id",
                table: "line_items",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "item_type",
                table: "line_items",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "skus");

            migrationBuilder.CreateTable(
                name: "promotions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    exclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: true),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    total_usage_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    total_usage_count = table.Column<int>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    fixed_amount_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    percentage = table.Column<int>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coupon_codes_promotion_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    promotion_id = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupon_codes_promotion_rules", x => x.id);
                    table.ForeignKey(
                        name: "FK_coupon_codes_promotion_rules_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_amount_promotion_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    promotion_id = table.Column<string>(type: "TEXT", nullable: false),
                    order_amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    use_subtotal = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_amount_promotion_rules", x => x.id);
                    table.ForeignKey(
                        name: "FK_order_amount_promotion_rules_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coupons",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    normalized_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    promotion_rule_id = table.Column<string>(type: "TEXT", nullable: false),
                    usage_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    usage_count = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_single_use = table.Column<bool>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    recipient_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coupons", x => x.id);
                    table.ForeignKey(
                        name: "FK_coupons_coupon_codes_promotion_rules_promotion_rule_id",
                        column: x => x.promotion_rule_id,
                        principalTable: "coupon_codes_promotion_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coupon_codes_promotion_rules_created_at",
                table: "coupon_codes_promotion_rules",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_coupon_codes_promotion_rules_promotion_id",
                table: "coupon_codes_promotion_rules",
                column: "promotion_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_coupons_created_at",
                table: "coupons",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_coupons_normalized_code",
                table: "coupons",
                column: "normalized_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_coupons_promotion_rule_id",
                table: "coupons",
                column: "promotion_rule_id");

            migrationBuilder.CreateIndex(
                name: "IX_order_amount_promotion_rules_created_at",
                table: "order_amount_promotion_rules",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_order_amount_promotion_rules_promotion_id",
                table: "order_amount_promotion_rules",
                column: "promotion_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_promotions_created_at",
                table: "promotions",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_promotions_currency_code_expires_at",
                table: "promotions",
                columns: new[] { "currency_code", "expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coupons");

            migrationBuilder.DropTable(
                name: "order_amount_promotion_rules");

            migrationBuilder.DropTable(
                name: "coupon_codes_promotion_rules");

            migrationBuilder.DropTable(
                name: "promotions");

            migrationBuilder.DropColumn(
                name: "coupon_code",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "coupon_code",
                table: "line_items");

            migrationBuilder.DropColumn(
                name: "discount_breakdown",
                table: "line_items");

            migrationBuilder.DropColumn(
                name: "discount_cents",
                table: "line_items");

            migrationBuilder.DropColumn(
                name: "item_id",
                table: "line_items");

            migrationBuilder.DropColumn(
                name: "item_type",
                table: "line_items");

            migrationBuilder.AlterColumn<string>(
                name: "sku_id",
                table: "line_items",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
