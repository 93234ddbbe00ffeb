global using Hive.Common;
