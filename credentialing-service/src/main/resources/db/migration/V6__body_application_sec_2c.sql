-- A body's application records how its reviews address the topics EO 13929 Sec. 2(c) names, and that it will confirm
-- the two standards of Sec. 2(c)(i)-(ii); DOJ certifies against it. Applications recorded before stay as they were
-- (null): such a body is refused certification, naming what is missing, until it applies again with them.
alter table credentialing_body
    add column addresses_use_of_force         text,
    add column addresses_de_escalation        text,
    add column addresses_early_warning        text,
    add column addresses_community_engagement text,
    add column confirms_mandatory_standards   boolean;
