// Progressive enhancement of an upload form (data-progress names its <progress>): the file is sent in the
// background so the bar can show how much has gone; the answer replaces the page as a plain form post would.
document.querySelectorAll('form[data-progress]').forEach(function (form) {
  var bar = document.getElementById(form.dataset.progress);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
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
