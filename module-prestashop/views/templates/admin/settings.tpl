<form method="post" action="{$seg_url|escape:'html':'UTF-8'}" class="form-horizontal" id="segment-settings">
  <input type="hidden" name="token" value="{$seg_token|escape:'html':'UTF-8'}">
  <input type="hidden" name="segment_action" value="saveSettings">
  <div class="panel">
    <div class="panel-heading">{l s='RFM scoring' d='Modules.Segment.Admin'}</div>
    <div class="form-group"><label class="control-label col-lg-3">{l s='Enabled' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-6"><input type="checkbox" name="rfm_enabled" value="1"{if $values.rfm_enabled} checked{/if}></div></div>
    <div class="form-group{if isset($errors.rfm_bins)} has-error{/if}"><label class="control-label col-lg-3" for="rfm_bins">{l s='Bins' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-2"><input class="form-control" id="rfm_bins" name="rfm_bins" value="{$values.rfm_bins|escape:'html':'UTF-8'}">
      {if isset($errors.rfm_bins)}<p class="help-block">{$errors.rfm_bins|escape:'html':'UTF-8'}</p>{/if}</div></div>
    <div class="form-group{if isset($errors.rfm_method)} has-error{/if}"><label class="control-label col-lg-3" for="rfm_method">{l s='Method' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-3"><select class="form-control" id="rfm_method" name="rfm_method">
        {foreach ['quantile', 'pandas'] as $m}<option value="{$m}"{if $values.rfm_method == $m} selected{/if}>{$m}</option>{/foreach}
      </select>{if isset($errors.rfm_method)}<p class="help-block">{$errors.rfm_method|escape:'html':'UTF-8'}</p>{/if}</div></div>
    <div class="form-group{if isset($errors.rfm_map)} has-error{/if}"><label class="control-label col-lg-3" for="rfm_map">{l s='Segment map' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-3"><select class="form-control" id="rfm_map" name="rfm_map">
        {foreach $maps as $m}<option value="{$m|escape:'html':'UTF-8'}"{if $values.rfm_map == $m} selected{/if}>{$m|escape:'html':'UTF-8'}</option>{/foreach}
      </select>{if isset($errors.rfm_map)}<p class="help-block">{$errors.rfm_map|escape:'html':'UTF-8'}</p>{/if}
      <p class="help-block">{l s='Rules read the name as rfm.segment, e.g. rfm.segment == "Champions".' d='Modules.Segment.Admin'}</p></div></div>
    <div class="form-group{if isset($errors.window_days)} has-error{/if}"><label class="control-label col-lg-3" for="window_days">{l s='Reference window (days)' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-2"><input class="form-control" id="window_days" name="window_days" value="{$values.window_days|escape:'html':'UTF-8'}">
      {if isset($errors.window_days)}<p class="help-block">{$errors.window_days|escape:'html':'UTF-8'}</p>{/if}
      <p class="help-block">{l s='0: all orders.' d='Modules.Segment.Admin'}</p></div></div>
  </div>
  <div class="panel">
    <div class="panel-heading">{l s='Clustering (k-means personas)' d='Modules.Segment.Admin'}</div>
    <div class="form-group"><label class="control-label col-lg-3">{l s='Enabled' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-6"><input type="checkbox" name="kmeans_enabled" value="1"{if $values.kmeans_enabled} checked{/if}></div></div>
    <div class="form-group{if isset($errors.kmeans_k)} has-error{/if}"><label class="control-label col-lg-3" for="kmeans_k">{l s='Clusters (k)' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-2"><input class="form-control" id="kmeans_k" name="kmeans_k" value="{$values.kmeans_k|escape:'html':'UTF-8'}">
      {if isset($errors.kmeans_k)}<p class="help-block">{$errors.kmeans_k|escape:'html':'UTF-8'}</p>{/if}
      <p class="help-block">{l s='0: automatic (silhouette).' d='Modules.Segment.Admin'}</p></div></div>
    <div class="form-group{if isset($errors.kmeans_features)} has-error{/if}"><label class="control-label col-lg-3">{l s='Features' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-6">{foreach $features as $f}<label style="margin-right:12px"><input type="checkbox" name="kmeans_features[]" value="{$f|escape:'html':'UTF-8'}"{if is_array($values.kmeans_features) && in_array($f, $values.kmeans_features)} checked{/if}> {$f|escape:'html':'UTF-8'}</label>{/foreach}
      {if isset($errors.kmeans_features)}<p class="help-block">{$errors.kmeans_features|escape:'html':'UTF-8'}</p>{/if}</div></div>
    <div class="form-group{if isset($errors.kmeans_seed)} has-error{/if}"><label class="control-label col-lg-3" for="kmeans_seed">{l s='Seed' d='Modules.Segment.Admin'}</label>
      <div class="col-lg-2"><input class="form-control" id="kmeans_seed" name="kmeans_seed" value="{$values.kmeans_seed|escape:'html':'UTF-8'}">
      {if isset($errors.kmeans_seed)}<p class="help-block">{$errors.kmeans_seed|escape:'html':'UTF-8'}</p>{/if}</div></div>
    <div class="panel-footer"><button type="submit" class="btn btn-default pull-right" {if !$seg_can.edit}disabled{/if}><i class="process-icon-save"></i> {l s='Save' d='Admin.Actions'}</button></div>
  </div>
</form>
<div class="panel">
  <div class="panel-heading">{l s='Recompute' d='Modules.Segment.Admin'}</div>
  <p>{l s='From cron (as the web server user):' d='Modules.Segment.Admin'} <code>{$cron_cli|escape:'html':'UTF-8'}</code></p>
  <p>{l s='Or over HTTP:' d='Modules.Segment.Admin'} <code>{$cron_url|escape:'html':'UTF-8'}</code></p>
  <table class="table"><thead><tr><th>{l s='Started' d='Modules.Segment.Admin'}</th><th>{l s='Finished' d='Modules.Segment.Admin'}</th><th>{l s='Status' d='Modules.Segment.Admin'}</th><th>{l s='Customers' d='Modules.Segment.Admin'}</th><th>{l s='Message' d='Modules.Segment.Admin'}</th></tr></thead>
  <tbody>{foreach $runs as $r}<tr><td>{$r.started_at|escape:'html':'UTF-8'}</td><td>{$r.finished_at|escape:'html':'UTF-8'}</td><td>{$r.status|escape:'html':'UTF-8'}</td><td>{$r.customers|intval}</td><td>{$r.message|escape:'html':'UTF-8'}</td></tr>{/foreach}</tbody></table>
</div>
