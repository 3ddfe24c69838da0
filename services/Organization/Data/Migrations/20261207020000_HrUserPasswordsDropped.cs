using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Alliance.Organization.Data.Migrations
{
    /// <summary>
    /// Drops a SCIM <c>password</c> (in any case) from the HR users' stored resources: before issue 17 the gateway kept
    /// every attribute an HR client sent, a password too; RFC 7643 says it is never returned, and Alliance never needs it.
    /// </summary>
    [DbContext(typeof(OrganizationDbContext))]
    [Migration("20261207020000_HrUserPasswordsDropped")]
    public partial class HrUserPasswordsDropped : Migration
    {
        /// <summary>The statement, also run by the tests on records stored as before.</summary>
        public const string DropPasswords = """
            UPDATE hr_users
            SET scim_json = (
                SELECT coalesce(jsonb_object_agg(key, value), jsonb_build_object())
                FROM jsonb_each(scim_json)
                WHERE lower(key) NOT IN ('password', 'urn:ietf:params:scim:schemas:core:2.0:user:password'))
            WHERE CASE WHEN jsonb_typeof(scim_json) = 'object'
                THEN EXISTS (SELECT 1 FROM jsonb_object_keys(scim_json) AS k(key)
                             WHERE lower(k.key) IN ('password', 'urn:ietf:params:scim:schemas:core:2.0:user:password'))
                ELSE false END;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropPasswords);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Dropped passwords are gone; nothing to restore.
        }
    }
}
