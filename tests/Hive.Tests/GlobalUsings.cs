// The namespaces nearly every test names, in one place (both test projects compile this file).
global using Hive.Agents;
global using Hive.Audit;
global using Hive.Client;
global using Hive.Common;
global using Hive.Escalations;
global using Hive.Health;
global using Hive.Memory;
global using Hive.Messaging;
global using Hive.Ports;
global using Hive.Security;
global using Hive.Tasks;
global using Hive.Tests.Cluster;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Xunit;
