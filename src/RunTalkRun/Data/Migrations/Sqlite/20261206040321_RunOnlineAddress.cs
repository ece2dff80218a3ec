using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunTalkRun.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunOnlineAddress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OnlineAddress",
                table: "Runs",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnlineAddress",
                table: "Runs");
        }
    }
}
