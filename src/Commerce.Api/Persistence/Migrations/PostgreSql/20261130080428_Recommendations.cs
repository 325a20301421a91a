using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Recommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "recorded",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "co_purchases",
                columns: table => new
                {
                    sku_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    other_sku_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    orders_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_co_purchases", x => new { x.sku_id, x.other_sku_id });
                });

            migrationBuilder.CreateTable(
                name: "recorded_conversions",
                columns: table => new
                {
                    number = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    order_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recorded_conversions", x => x.number);
                    table.ForeignKey(
                        name: "FK_recorded_conversions_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sku_sales",
                columns: table => new
                {
                    sku_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    orders_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sku_sales", x => x.sku_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customers_reference",
                table: "customers",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "IX_recorded_conversions_order_id",
                table: "recorded_conversions",
                column: "order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sku_sales_orders_count",
                table: "sku_sales",
                column: "orders_count");

            Data.RecommendationsData.CountPlacedOrders(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "co_purchases");

            migrationBuilder.DropTable(
                name: "recorded_conversions");

            migrationBuilder.DropTable(
                name: "sku_sales");

            migrationBuilder.DropIndex(
                name: "IX_customers_reference",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "recorded",
                table: "orders");
        }
    }
}
