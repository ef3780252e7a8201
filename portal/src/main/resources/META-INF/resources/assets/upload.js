// Progressive enhancement of an upload form (data-progress names its <progress>): the file is sent in the
// background so the bar can show how much has gone; the answer replaces the page as a plain form post would.
// A file over the portal's limit (data-max-bytes) is not sent: the form's message (data-too-large) says so. The
// server refuses such an upload with its own page anyway, which is what a browser without JavaScript shows.
document.querySelectorAll('form[data-progress]').forEach(function (form) {
  var bar = document.getElementById(form.dataset.progress);
  var tooLarge = form.dataset.tooLarge ? document.getElementById(form.dataset.tooLarge) : null;
  var max = parseInt(form.dataset.maxBytes || '0', 10);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var input = form.querySelector('input[type=file]');
    var file = input && input.files && input.files[0];
    if (tooLarge) {
      tooLarge.hidden = true;
    }
    // the form's other fields and the multipart framing take a few hundred bytes more than the file itself
    if (max > 0 && file && file.size + 4096 > max && tooLarge) {
      tooLarge.hidden = false;
      input.focus();
      return;
    }
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    bar.hidden = false;
    bar.value = 0;
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round(100 * e.loaded / e.total);
      }
    });
    request.addEventListener('load', function () {
      bar.value = 100;
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', function () {
      bar.hidden = true;
      form.submit();
    });
    request.send(new FormData(form));
  });
});
