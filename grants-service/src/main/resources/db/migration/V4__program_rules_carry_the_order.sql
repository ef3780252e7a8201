-- EO 13929 Sec. 2(b) and 3(d) condition every DOJ discretionary grant: every program's rule set carries
-- SEC_2B_CREDENTIAL and SEC_3D_REPORTING (a program adds rules, never removes these two).
update grant_program
   set rules = (select string_agg(r, ',' order by r)
                  from (select distinct r
                          from unnest(string_to_array(rules, ',') || array['SEC_2B_CREDENTIAL', 'SEC_3D_REPORTING']) r
                         where r <> '') x)
 where not (string_to_array(rules, ',') @> array['SEC_2B_CREDENTIAL', 'SEC_3D_REPORTING']);
