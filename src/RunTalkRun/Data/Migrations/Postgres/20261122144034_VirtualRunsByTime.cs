using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunTalkRun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VirtualRunsByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_IsVirtual_StartsAtUtc",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Virtual_StartsAtUtc",
                table: "Runs",
                column: "StartsAtUtc",
                filter: "\"IsVirtual\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_Virtual_StartsAtUtc",
                table: "Runs");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_IsVirtual_StartsAtUtc",
                table: "Runs",
                columns: new[] { "IsVirtual", "StartsAtUtc" });
        }
    }
}
