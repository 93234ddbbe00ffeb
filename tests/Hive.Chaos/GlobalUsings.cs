global using System.Diagnostics;
global using Hive.Agents;
global using Hive.Client;
global using Hive.Common;
global using Hive.Tasks;
