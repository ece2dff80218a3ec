using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RunTalkRun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TurningUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EndHeadcount",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RegisterFirstTimers",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RegisterReducedAt",
                table: "Runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RegisterTotal",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StartHeadcount",
                table: "Runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WalkInCount",
                table: "Runs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "FromSeries",
                table: "Rsvps",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "OfferExpiresAt",
                table: "Rsvps",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Rsvps",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EmergencyContactName",
                table: "AspNetUsers",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmergencyContactPhone",
                table: "AspNetUsers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailToken",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Mail_DayBefore",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Mail_LeaderSummary",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Mail_PlaceOffered",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Mail_RunCancelled",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "Mail_TwoHoursBefore",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "OutboxMails",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: true),
                    ToAddress = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    UnsubscribeUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    GaveUpAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMails_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegisterEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    FirstTime = table.Column<bool>(type: "boolean", nullable: false),
                    Present = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegisterEntries_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RegisterEntries_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SeriesRsvps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SeriesId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriesRsvps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeriesRsvps_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SeriesRsvps_RunSeries_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "RunSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_StartsAtUtc",
                table: "Runs",
                column: "StartsAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Rsvps_OfferExpiresAt",
                table: "Rsvps",
                column: "OfferExpiresAt",
                filter: "\"OfferExpiresAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MailToken",
                table: "AspNetUsers",
                column: "MailToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_DueAt",
                table: "OutboxMails",
                column: "DueAt",
                filter: "\"SentAt\" IS NULL AND \"GaveUpAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_Key",
                table: "OutboxMails",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMails_MemberId",
                table: "OutboxMails",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_MemberId",
                table: "RegisterEntries",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterEntries_RunId_MemberId",
                table: "RegisterEntries",
                columns: new[] { "RunId", "MemberId" },
                unique: true,
                filter: "\"MemberId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SeriesRsvps_MemberId",
                table: "SeriesRsvps",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SeriesRsvps_SeriesId_MemberId",
                table: "SeriesRsvps",
                columns: new[] { "SeriesId", "MemberId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboxMails");

            migrationBuilder.DropTable(
                name: "RegisterEntries");

            migrationBuilder.DropTable(
                name: "SeriesRsvps");

            migrationBuilder.DropIndex(
                name: "IX_Runs_StartsAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Rsvps_OfferExpiresAt",
                table: "Rsvps");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_MailToken",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EndHeadcount",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RegisterFirstTimers",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RegisterReducedAt",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RegisterTotal",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "StartHeadcount",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "WalkInCount",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "FromSeries",
                table: "Rsvps");

            migrationBuilder.DropColumn(
                name: "OfferExpiresAt",
                table: "Rsvps");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Rsvps");

            migrationBuilder.DropColumn(
                name: "EmergencyContactName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EmergencyContactPhone",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MailToken",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Mail_DayBefore",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Mail_LeaderSummary",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Mail_PlaceOffered",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Mail_RunCancelled",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Mail_TwoHoursBefore",
                table: "AspNetUsers");
        }
    }
}
