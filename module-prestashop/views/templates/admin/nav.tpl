<ul class="nav nav-tabs segment-nav" style="margin-bottom:15px">
  <li class="{if $view == 'list' || $view == 'edit'}active{/if}"><a href="{$seg_links.list|escape:'html':'UTF-8'}">{l s='Segments' d='Modules.Segment.Admin'}</a></li>
  <li class="{if $view == 'banners'}active{/if}"><a href="{$seg_links.banners|escape:'html':'UTF-8'}">{l s='Banners' d='Modules.Segment.Admin'}</a></li>
  <li class="{if $view == 'report'}active{/if}"><a href="{$seg_links.report|escape:'html':'UTF-8'}">{l s='Report' d='Modules.Segment.Admin'}</a></li>
  <li class="{if $view == 'settings'}active{/if}"><a href="{$seg_links.settings|escape:'html':'UTF-8'}">{l s='Settings' d='Modules.Segment.Admin'}</a></li>
</ul>
