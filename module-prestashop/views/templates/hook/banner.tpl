<div class="segment-banner segment-banner-{$hook|escape:'html':'UTF-8'}" data-segment="{$banner.code|escape:'html':'UTF-8'}">
  {if $banner.link}<a href="{$banner.link|escape:'html':'UTF-8'}">{/if}
  {if $banner.image}<img src="{$banner.image|escape:'html':'UTF-8'}" alt="{$banner.text|escape:'html':'UTF-8'}" style="max-width:100%">{/if}
  {if $banner.text}<p class="segment-banner-text">{$banner.text|escape:'html':'UTF-8'}</p>{/if}
  {if $banner.link}</a>{/if}
</div>
