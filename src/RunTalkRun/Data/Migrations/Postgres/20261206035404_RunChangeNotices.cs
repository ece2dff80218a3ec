using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunTalkRun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunChangeNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "Runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ChangedAt",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeDueAt",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NoticeFromCancelled",
                table: "Runs",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NoticeFromMeetingPointId",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeFromStartsAt",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeSince",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "ChangedAt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "NoticeDueAt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "NoticeFromCancelled",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "NoticeFromMeetingPointId",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "NoticeFromStartsAt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "NoticeSince",
                table: "Runs");
        }
    }
}
