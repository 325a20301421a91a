using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GiftCards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "gift_card_amount_cents",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "gift_card_code",
                table: "orders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gift_card_id",
                table: "orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "gift_cards",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    currency_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    balance_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    balance_max_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    initial_balance_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    single_use = table.Column<bool>(type: "INTEGER", nullable: false),
                    rechargeable = table.Column<bool>(type: "INTEGER", nullable: false),
                    distribute_discount = table.Column<bool>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    recipient_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    activated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_cards", x => x.id);
                    table.CheckConstraint("ck_gift_cards_balance_cents", "balance_cents >= 0");
                });

            migrationBuilder.CreateTable(
                name: "gift_card_ledger_entries",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    gift_card_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    order_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_card_ledger_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_gift_card_ledger_entries_gift_cards_gift_card_id",
                        column: x => x.gift_card_id,
                        principalTable: "gift_cards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_orders_gift_card_id",
                table: "orders",
                column: "gift_card_id");

            migrationBuilder.CreateIndex(
                name: "IX_gift_card_ledger_entries_created_at",
                table: "gift_card_ledger_entries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_gift_card_ledger_entries_gift_card_id_created_at",
                table: "gift_card_ledger_entries",
                columns: new[] { "gift_card_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_card_ledger_entries_order_id_state",
                table: "gift_card_ledger_entries",
                columns: new[] { "order_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_cards_code",
                table: "gift_cards",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gift_cards_created_at",
                table: "gift_cards",
                column: "created_at");

            migrationBuilder.AddForeignKey(
                name: "FK_orders_gift_cards_gift_card_id",
                table: "orders",
                column: "gift_card_id",
                principalTable: "gift_cards",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_orders_gift_cards_gift_card_id",
                table: "orders");

            migrationBuilder.DropTable(
                name: "gift_card_ledger_entries");

            migrationBuilder.DropTable(
                name: "gift_cards");

            migrationBuilder.DropIndex(
                name: "IX_orders_gift_card_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "gift_card_amount_cents",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "gift_card_code",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "gift_card_id",
                table: "orders");
        }
    }
}
