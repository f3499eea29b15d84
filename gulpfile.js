const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// tsc compiles the TypeScript; the icons are static files n8n loads next to the compiled node and credential.
function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons));
