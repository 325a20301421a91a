using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CustomersStorefront : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "autorefresh",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "cart_url",
                table: "orders",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "guest",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "marked_pending",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "privacy_url",
                table: "orders",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "return_url",
                table: "orders",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "terms_url",
                table: "orders",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "metadata",
                table: "line_items",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            Data.CustomersData.MarkOrdersOfRegisteredCustomers(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "autorefresh",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "cart_url",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "guest",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "marked_pending",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "privacy_url",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "return_url",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "terms_url",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "metadata",
                table: "line_items");
        }
    }
}
