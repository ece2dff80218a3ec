using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunTalkRun.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeetingPointAccessAndGroupLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BuggyFriendly",
                table: "MeetingPoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "WheelchairFriendly",
                table: "MeetingPoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "FacebookUrl",
                table: "Groups",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstagramUrl",
                table: "Groups",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebsiteUrl",
                table: "Groups",
                type: "TEXT",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BuggyFriendly",
                table: "MeetingPoints");

            migrationBuilder.DropColumn(
                name: "WheelchairFriendly",
                table: "MeetingPoints");

            migrationBuilder.DropColumn(
                name: "FacebookUrl",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "InstagramUrl",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "WebsiteUrl",
                table: "Groups");
        }
    }
}
