/**
 * Live preview of the segment form: while the admin types a rule, POST it
 * (with the form key) to segment/segment/preview and show "matches N of M
 * stored customers now", or the extension's error with line and column.
 */
define(['jquery'], function ($) {
    'use strict';

    return function (config, form) {
        var $form = $(form), $rule = $form.find('#segment-rule'), $website = $form.find('#segment-website'),
            $out = $form.find('#segment-preview'), timer = null, seq = 0;

        function run() {
            var mine = ++seq;
            if (!$.trim($rule.val())) {
                $out.text('');
                return;
            }
            $.ajax({
                url: config.url,
                type: 'POST',
                dataType: 'json',
                data: {form_key: config.formKey, rule: $rule.val(), website_id: $website.val(), isAjax: true}
            }).done(function (r) {
                if (mine !== seq) {
                    return;
                }
                if (r.ok) {
                    $out.removeClass('mage-error').text('Matches ' + r.matches + ' of ' + r.customers + ' stored customers now.');
                } else {
                    $out.addClass('mage-error').text(r.message);
                }
            });
        }

        $rule.add($website).on('input change', function () {
            clearTimeout(timer);
            timer = setTimeout(run, 400);
        });
        run();
    };
});
