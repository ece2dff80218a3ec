using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RunTalkRun.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Talk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrisisPhrases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Phrase = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrisisPhrases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rooms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rooms_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Rooms_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoomId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HiddenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HiddenById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CrisisAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CrisisSeenAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Messages_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Messages_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoomBans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoomId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomBans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoomBans_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoomBans_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoomReads",
                columns: table => new
                {
                    RoomId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    LastReadId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomReads", x => new { x.RoomId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_RoomReads_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoomReads_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageReports_AspNetUsers_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MessageReports_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "CrisisPhrases",
                columns: new[] { "Id", "AddedAt", "AddedById", "Phrase" },
                values: new object[,]
                {
                    { 1, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "suicide" },
                    { 2, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "suicidal" },
                    { 3, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "kill myself" },
                    { 4, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "killing myself" },
                    { 5, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "end my life" },
                    { 6, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "ending my life" },
                    { 7, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "end it all" },
                    { 8, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "take my own life" },
                    { 9, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "want to die" },
                    { 10, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "wanna die" },
                    { 11, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "better off dead" },
                    { 12, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "better off without me" },
                    { 13, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "no reason to live" },
                    { 14, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "don't want to be here anymore" },
                    { 15, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "don't want to be alive" },
                    { 16, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "can't go on" },
                    { 17, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "self-harm" },
                    { 18, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "selfharm" },
                    { 19, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "hurt myself" },
                    { 20, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "hurting myself" },
                    { 21, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "cut myself" },
                    { 22, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "cutting myself" },
                    { 23, new DateTime(2026, 11, 22, 0, 0, 0, 0, DateTimeKind.Utc), "", "overdose" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrisisPhrases_Phrase",
                table: "CrisisPhrases",
                column: "Phrase",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_ClosedAt",
                table: "MessageReports",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_MessageId_ReporterId",
                table: "MessageReports",
                columns: new[] { "MessageId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_ReporterId",
                table: "MessageReports",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_AuthorId",
                table: "Messages",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CrisisAt",
                table: "Messages",
                column: "CrisisAt");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RoomId_AuthorId_SentAt",
                table: "Messages",
                columns: new[] { "RoomId", "AuthorId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_RoomId_Id",
                table: "Messages",
                columns: new[] { "RoomId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_RoomBans_MemberId",
                table: "RoomBans",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_RoomBans_RoomId_MemberId",
                table: "RoomBans",
                columns: new[] { "RoomId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoomReads_MemberId",
                table: "RoomReads",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_GroupId",
                table: "Rooms",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_Key",
                table: "Rooms",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_RunId",
                table: "Rooms",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrisisPhrases");

            migrationBuilder.DropTable(
                name: "MessageReports");

            migrationBuilder.DropTable(
                name: "RoomBans");

            migrationBuilder.DropTable(
                name: "RoomReads");

            migrationBuilder.DropTable(
                name: "Messages");

            migrationBuilder.DropTable(
                name: "Rooms");
        }
    }
}
