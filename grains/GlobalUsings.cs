global using Hive.Common;
global using Microsoft.Extensions.Logging;
global using Orleans;
global using Orleans.Concurrency;
global using Orleans.Runtime;
