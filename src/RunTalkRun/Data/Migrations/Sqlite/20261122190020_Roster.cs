using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunTalkRun.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Roster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoverRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    AskedById = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AskedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TakenById = table.Column<string>(type: "TEXT", nullable: true),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoverRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoverRequests_AspNetUsers_AskedById",
                        column: x => x.AskedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CoverRequests_AspNetUsers_TakenById",
                        column: x => x.TakenById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CoverRequests_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunLeaders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    FromSeries = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunLeaders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunLeaders_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunLeaders_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SeriesLeaders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SeriesId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeriesLeaders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeriesLeaders_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SeriesLeaders_RunSeries_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "RunSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    Course = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OtherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    TakenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingRecords_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoverRequests_AskedById",
                table: "CoverRequests",
                column: "AskedById");

            migrationBuilder.CreateIndex(
                name: "IX_CoverRequests_RunId_AskedById",
                table: "CoverRequests",
                columns: new[] { "RunId", "AskedById" },
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_CoverRequests_TakenById",
                table: "CoverRequests",
                column: "TakenById");

            migrationBuilder.CreateIndex(
                name: "IX_RunLeaders_MemberId",
                table: "RunLeaders",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RunLeaders_RunId_MemberId",
                table: "RunLeaders",
                columns: new[] { "RunId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SeriesLeaders_MemberId",
                table: "SeriesLeaders",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SeriesLeaders_SeriesId_MemberId",
                table: "SeriesLeaders",
                columns: new[] { "SeriesId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingRecords_ExpiresOn",
                table: "TrainingRecords",
                column: "ExpiresOn");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingRecords_MemberId",
                table: "TrainingRecords",
                column: "MemberId");

            // Groups that existed before the roster: their organisers usually lead their series, and are
            // on the roster of the upcoming runs, so no run suddenly shows as waiting for a leader.
            migrationBuilder.Sql("""
                INSERT INTO "SeriesLeaders" ("SeriesId", "MemberId", "AddedAt")
                SELECT s."Id", m."MemberId", strftime('%Y-%m-%d %H:%M:%S', 'now')
                FROM "RunSeries" s JOIN "Memberships" m ON m."GroupId" = s."GroupId" AND m."Role" = 'Organiser'
                """);
            migrationBuilder.Sql("""
                INSERT INTO "RunLeaders" ("RunId", "MemberId", "FromSeries", "AddedAt")
                SELECT r."Id", l."MemberId", 1, strftime('%Y-%m-%d %H:%M:%S', 'now')
                FROM "Runs" r JOIN "SeriesLeaders" l ON l."SeriesId" = r."SeriesId"
                WHERE r."StartsAtUtc" > strftime('%Y-%m-%d %H:%M:%S', 'now')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoverRequests");

            migrationBuilder.DropTable(
                name: "RunLeaders");

            migrationBuilder.DropTable(
                name: "SeriesLeaders");

            migrationBuilder.DropTable(
                name: "TrainingRecords");
        }
    }
}
