-- person_key(person_id): HMAC-SHA256 of the trimmed person_id, hex-encoded; NULL for an empty id.
-- The key's inner and outer pads are session variables set by kpi.pseudonym.install.
create or replace temp macro person_key(p) as
    case
        when nullif(trim(p), '') is null then null
        else sha256(
            getvariable('kpi_hmac_opad')
            || unhex(sha256(getvariable('kpi_hmac_ipad') || encode(trim(p))))
        )
    end;
