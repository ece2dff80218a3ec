using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunTalkRun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VirtualRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsVirtual",
                table: "RunSeries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "TalkOnlineAfterMinutes",
                table: "RunSeries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsVirtual",
                table: "Runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "TalkOnlineAtUtc",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_IsVirtual_StartsAtUtc",
                table: "Runs",
                columns: new[] { "IsVirtual", "StartsAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_IsVirtual_StartsAtUtc",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "IsVirtual",
                table: "RunSeries");

            migrationBuilder.DropColumn(
                name: "TalkOnlineAfterMinutes",
                table: "RunSeries");

            migrationBuilder.DropColumn(
                name: "IsVirtual",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "TalkOnlineAtUtc",
                table: "Runs");
        }
    }
}
