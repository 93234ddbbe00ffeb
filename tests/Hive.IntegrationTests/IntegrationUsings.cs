// What the PostgreSQL, process and failover tests name besides the shared GlobalUsings.cs.
global using Hive.Tests.Durable;
global using Hive.Tests.Processes;
global using Npgsql;
global using Xunit.Abstractions;
