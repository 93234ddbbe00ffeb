-- The batched writer kept the health grain (integer key 0) under key_string '0'; Orleans' ADO.NET provider keeps an
-- integer key's row under its extension, '' for none. Both now use ''. Move the batched writer's row unless the
-- provider already has one (then the provider's row is the one both writers read from now on, and the old one goes).
UPDATE hive_grain_state AS g SET key_string = ''
WHERE g.state_name = 'hive-health' AND g.key_string = '0' AND g.key_n0 = 0 AND g.key_n1 = 0
  AND NOT EXISTS (SELECT 1 FROM hive_grain_state AS o
                  WHERE o.service_id = g.service_id AND o.state_name = g.state_name
                    AND o.key_string = '' AND o.key_n0 = 0 AND o.key_n1 = 0);

DELETE FROM hive_grain_state
WHERE state_name = 'hive-health' AND key_string = '0' AND key_n0 = 0 AND key_n1 = 0;
