<form method="post" action="{$seg_url|escape:'html':'UTF-8'}" style="display:inline">
  <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}">
  <input type="hidden" name="segment_action" value="recompute">
  <input type="hidden" name="back" value="{$back|escape:'html':'UTF-8'}">
  <button type="submit" class="btn btn-primary" id="segment-recompute" {if !$seg_can.edit}disabled{/if}><i class="icon-refresh"></i> {l s='Recompute now' d='Modules.Segment.Admin'}</button>
</form>
{if $last_run}
  <span class="segment-last-run" style="margin-left:10px">
    {l s='Last run:' d='Modules.Segment.Admin'} {$last_run.started_at|escape:'html':'UTF-8'},
    <strong class="{if $last_run.status == 'ok'}text-success{else}text-danger{/if}">{$last_run.status|escape:'html':'UTF-8'}</strong>
    &mdash; {$last_run.message|escape:'html':'UTF-8'}
  </span>
{else}
  <span class="segment-last-run" style="margin-left:10px">{l s='Never recomputed: member counts appear after the first run.' d='Modules.Segment.Admin'}</span>
{/if}
