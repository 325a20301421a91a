#!/usr/bin/env bash
# Adds a migration NAME for every provider (SQLite, SQL Server, PostgreSQL), each into its own folder.
# Usage: src/Commerce.Api/Persistence/add-migration.sh NAME     (from the repository root)
set -euo pipefail
name=${1:?usage: add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" --project src/Commerce.Api --context "${provider}CommerceDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
